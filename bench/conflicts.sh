#!/usr/bin/env bash
# Whole-process benchmark of `scopeguard conflicts`, next to `git merge-tree --write-tree` for the same pairs.
#
#   bench/conflicts.sh [REPORT.md]
#
# Publishes the CLI (ReadyToRun, framework-dependent) into a temporary folder and builds, once, a
# repository of 10,000 C# files of about 16 KB each (100 folders of 100 classes with 40 methods).
# Two sets of 10 agent branches are made from main, 50 changed .cs files each:
#   - ring:  branch k shares 3 files with branch k-1 and 3 with branch k+1 (one edited in the same
#            method line on both: a textual conflict; one in different methods: same file; one in the
#            same method at lines far apart: same member), 44 files of its own;
#   - dense: as ring, plus one file every branch edits (each a different method): all 45 pairs share
#            a file, so every pair needs a trial merge.
# It then times, side by side (medians of RUNS runs after WARMUP):
#   - git merge-tree --write-tree for the 45 pairs, one after another (a shell loop), and
#     with xargs -P NPROC (as many at once as there are cores);
#   - scopeguard conflicts --format json for the same 10 branches (all 45 pairs compared), cold
#     (--no-cache: every compared C# file parsed) and warm (the declaration cache in .git/scopeguard/cache,
#     filled by the first run, gives every table: no parse).
# Each run's wall time and CPU time (user+sys of the process and its children, from bash's `time`) are
# recorded: the machine may be loaded, and CPU time says more than wall time then.
# Prints a Markdown table of medians and ratios; with an argument, also writes it to that file.
#
# Every PARTIAL_EVERY-th class (default 10) is partial: conflicts parses a changed file that no other
# branch touched only when it mentions "partial", so PARTIAL_EVERY=1 (every class partial, every
# changed file parsed) is the worst case.
# Environment: RUNS=5 timed runs per command, WARMUP=1, KEEP_TMP=1 keeps the temporary folder,
# SCOPEGUARD_CLI=PATH times that CLI instead of publishing one.
# The ScopeGuard repository is only read.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
report_file=$(bench_report_path "${1:-}")

bench_tmp conflicts
load_start=$(load)

if [ -n "${SCOPEGUARD_CLI:-}" ]; then
  # An already built CLI (e.g. src/ScopeGuard.Cli/bin/Release/net10.0/scopeguard: not ReadyToRun, so
  # its start costs more JIT time than the published one's).
  sg=$(cd "$(dirname "$SCOPEGUARD_CLI")" && pwd -P)/$(basename "$SCOPEGUARD_CLI")
  say "using $sg"
else
  say "publishing into $tmp"
  bench_publish_cli
fi

repo=$tmp/repo
g() { git -C "$repo" "$@"; }
bench_git_init "$repo"
g config gc.auto 0 # no background auto gc racing the gc below

# gen.py REPO FILE... : writes each FILE (src/ModuleMM/ItemNNN.cs) with the edits given after a colon,
# "FILE:METHOD=VALUE,METHOD=VALUE". Each file is one class of 40 methods, about 16 KB.
cat >"$tmp/gen.py" <<'PY'
import os, sys
repo = sys.argv[1]
every = int(os.environ.get("PARTIAL_EVERY", "10"))
def partial(name):
    return "partial " if int(name[4:]) % every == 0 else ""
def text(path, edits):
    module = path.split('/')[1]
    name = os.path.splitext(os.path.basename(path))[0]
    out = [f"using System;\nusing System.Collections.Generic;\nusing System.Linq;\n\nnamespace Contoso.{module};\n\n",
           f"/// <summary>{name}: generated for the conflicts benchmark.</summary>\npublic sealed {partial(name)}class {name}\n{{\n",
           "    private readonly List<decimal> lines = new();\n\n"]
    for m in range(1, 41):
        extra = edits.get(m, "")
        out.append(f"    /// <summary>Adds {m} lines of an order.</summary>\n"
                   f"    public decimal Add{m}(decimal amount, int quantity, string? reference = null)\n    {{\n"
                   f"        var total = amount * quantity{extra};\n"
                   f"        if (reference is not null && reference.Length > {m})\n        {{\n"
                   f"            total += reference.Count(char.IsDigit);\n        }}\n\n"
                   f"        lines.Add(total);\n        return lines.Sum() / Math.Max(1, lines.Count + {m});\n    }}\n\n")
    out.append("    public int Count => lines.Count;\n}\n")
    return "".join(out)
for spec in sys.argv[2:]:
    path, _, edit = spec.partition(':')
    edits = {}
    for item in filter(None, edit.split(',')):
        m, _, v = item.partition('=')
        edits[int(m)] = v
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text(path, edits))
PY
file() { printf 'src/Module%02d/Item%03d.cs' "$1" "$2"; }

say "generating 10,000 C# files"
all=()
for ((m = 0; m < 100; m++)); do for ((i = 0; i < 100; i++)); do all+=("$(file $m $i)"); done; done
export PARTIAL_EVERY=${PARTIAL_EVERY:-10}
printf '%s\n' "${all[@]}" | xargs python3 "$tmp/gen.py" "$repo"
manifest() { # prefix
  printf '{\n  "version": 1,\n  "agents": {\n'
  for ((k = 0; k < 10; k++)); do
    printf '    "a%d": { "branches": ["%s/a%d"], "paths": ["/src/"] }%s\n' "$k" "$1" "$k" "$([ $k -lt 9 ] && echo ,)"
  done
  printf '  }\n}\n'
}
manifest agent >"$repo/scopes.json"
manifest dense >"$tmp/dense.json"
g add -A
g commit -q -m "Generated repository"
g gc -q
[ "$(g ls-files | wc -l)" -eq 10001 ] || { say "expected 10,001 files"; exit 1; }

# Branch k: 44 files of its own (module k*10.., items 50..), 3 shared with k+1 and 3 with k-1.
# Shared with k+1, in module 90+k: item 0 both edit Add1's first line (conflict), item 1 k edits Add1 and
# k+1 Add40 (same file), item 2 k edits Add5's first line and k+1 Add5's last line (same member).
branch() { # prefix k dense
  local prefix=$1 k=$2 dense=$3 next=$(( ($2 + 1) % 10 )) prev=$(( ($2 + 9) % 10 )) specs=()
  g checkout -q -b "$prefix/a$k" main
  specs+=("$(file $((90 + k)) 0):1= + $k" "$(file $((90 + k)) 1):1= + $k" "$(file $((90 + k)) 2):5= + $k")
  specs+=("$(file $((90 + prev)) 0):1= - $k" "$(file $((90 + prev)) 1):40= - $k")
  local own=44
  if [ "$dense" = 1 ]; then own=43; specs+=("$(file 89 99):$((k + 10))= * 2"); fi
  # item 2 of the previous: same method, another line (the return line): written by a second pass below
  for ((i = 0; i < own; i++)); do specs+=("$(file $((k * 8 + i / 10)) $((50 + i % 10 + (i / 10) * 0))):3= + $k$i"); done
  python3 "$tmp/gen.py" "$repo" "${specs[@]}"
  sed -i "s|return lines.Sum() / Math.Max(1, lines.Count + 5);|return lines.Sum() / Math.Max(2, lines.Count + 5);|" "$repo/$(file $((90 + prev)) 2)"
  g add -A
  g commit -q -m "a$k"
  [ "$(g diff --name-only main..."$prefix/a$k" | wc -l)" -eq 50 ] || { say "$prefix/a$k: expected 50 changed files, got $(g diff --name-only main..."$prefix/a$k" | wc -l)"; exit 1; }
  g checkout -q main
}
say "making 2 x 10 agent branches of 50 changed files"
for ((k = 0; k < 10; k++)); do branch agent $k 0; branch dense $k 1; done

pairs() { # prefix: the 45 pairs, one "A B" a line
  for ((i = 0; i < 10; i++)); do for ((j = i + 1; j < 10; j++)); do echo "$1/a$i $1/a$j"; done; done
}
pairs agent >"$tmp/pairs-agent"
pairs dense >"$tmp/pairs-dense"
cat >"$tmp/merge-trees.sh" <<'SH'
#!/usr/bin/env bash
# merge-trees.sh PAIRS [PARALLEL]: git merge-tree --write-tree for each pair.
if [ -n "${2:-}" ]; then
  xargs -P "$2" -L 1 sh -c 'git merge-tree --write-tree --name-only -z "$0" "$1" >/dev/null; [ $? -le 1 ]' <"$1"
else
  while read -r a b; do git merge-tree --write-tree --name-only -z "$a" "$b" >/dev/null || [ $? -eq 1 ]; done <"$1"
fi
SH
chmod +x "$tmp/merge-trees.sh"
cores=$(nproc)
checks=(
  "ring: git merge-tree x 45, one after another|$tmp/merge-trees.sh $tmp/pairs-agent"
  "ring: git merge-tree x 45, $cores at once|$tmp/merge-trees.sh $tmp/pairs-agent $cores"
  "ring: scopeguard conflicts, cold (--no-cache)|$sg conflicts --format json --no-cache"
  "ring: scopeguard conflicts, warm cache|$sg conflicts --format json"
  "dense: git merge-tree x 45, one after another|$tmp/merge-trees.sh $tmp/pairs-dense"
  "dense: git merge-tree x 45, $cores at once|$tmp/merge-trees.sh $tmp/pairs-dense $cores"
  "dense: scopeguard conflicts, cold (--no-cache)|$sg conflicts --format json --no-cache --manifest $tmp/dense.json"
  "dense: scopeguard conflicts, warm cache|$sg conflicts --format json --manifest $tmp/dense.json"
)
cd "$repo"
for entry in "${checks[@]}"; do
  command=${entry#*|}
  set +e; $command >"$tmp/out" 2>&1; code=$?; set -e
  case "${entry%%|*}" in *"scopeguard conflicts"*) [ $code -eq 1 ] || { say "expected exit 1 (overlaps), got $code: $command"; cat "$tmp/out" >&2; exit 1; } ;;
    *) [ $code -eq 0 ] || { say "exit $code: $command"; exit 1; } ;; esac
done
"$sg" conflicts --format json >"$tmp/ring.json" || true
"$sg" conflicts --format json --manifest "$tmp/dense.json" >"$tmp/dense-out.json" || true
# The same findings with and without the cache.
"$sg" conflicts --format json --no-cache >"$tmp/ring-nocache.json" || true
"$sg" conflicts --format json --no-cache --manifest "$tmp/dense.json" >"$tmp/dense-nocache.json" || true
cmp -s "$tmp/ring.json" "$tmp/ring-nocache.json" && cmp -s "$tmp/dense-out.json" "$tmp/dense-nocache.json" \
  || { say "conflicts reports differ with and without the declaration cache"; exit 1; }
say "warm run: $("$sg" conflicts --format json --cache-stats 2>&1 >/dev/null | tail -1)"
summary() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); from collections import Counter; c=Counter(p["level"] for p in d["pairs"]); print(", ".join(f"{k} {v}" for k,v in sorted(c.items())), "; trial merges:", sum(p["trialMerged"] for p in d["pairs"]))' "$1"; }
say "ring: $(summary "$tmp/ring.json")"
say "dense: $(summary "$tmp/dense-out.json")"

bench_time_checks

ms() { awk -v us="$1" 'BEGIN { printf "%.0f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo "| branches | command | wall median (ms) | CPU median, user+sys (ms) | wall × merge-tree loop | CPU × merge-tree loop | wall × merge-tree, $cores at once |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
  for entry in "${checks[@]}"; do
    label=${entry%%|*}
    set=${label%%:*}
    loop="$set: git merge-tree x 45, one after another"
    echo "| $set | ${label#*: } | $(ms "${result[$label]}") | $(ms "${cpu[$label]}") | $(ratio "${result[$label]}" "${result[$loop]}") | $(ratio "${cpu[$label]}" "${cpu[$loop]}") | $(ratio "${result[$label]}" "${result[$set: git merge-tree x 45, $cores at once]}") |"
  done
  echo
  echo "What scopeguard found: ring: $(summary "$tmp/ring.json"); dense: $(summary "$tmp/dense-out.json")."
  echo
  echo "$RUNS runs per command after $WARMUP warm-up run(s); every ${PARTIAL_EVERY:-10}th class partial; load average $load_start at the start, $(load) at the end; $cores cores; $(dotnet --version); $(git --version)."
} | tee "${report_file:-/dev/null}"
