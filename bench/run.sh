#!/usr/bin/env bash
# Whole-process benchmark of `scopeguard check --staged`, the command the pre-commit hook runs.
#
#   bench/run.sh [REPORT.md]
#
# Publishes the CLI ReadyToRun and plain (both framework-dependent) and bench/hello ReadyToRun,
# generates a git repository in a temporary folder (FILES files across src/<Team>/... and
# tests/<Team>/..., a scopes.json with 5 agents, committed on main, branch agent/billing checked
# out), stages a 10-file change and then a 1,000-file change in the agent's scope, and times,
# side by side: `git diff --cached --name-status`, `scopeguard check --staged` (ReadyToRun and
# plain), the same check with a manifest that has no symbol rules (paths only: no C# parsing),
# hello (ReadyToRun) and, for the 10-file commit, bench/libgit2-probe: the LibGit2Sharp calls of a
# staged check and nothing else (the floor under the paths-only check). The 10-file commit also gets an out-of-scope variant (exit 1) and
# `scopeguard --version` / `--help` (start-up without the check).
# Prints a Markdown table of medians and ratios; with an argument, also writes it to that file.
#
# Uses hyperfine when it is on PATH (apt-get install -y hyperfine), else a loop of timed runs
# ($EPOCHREALTIME, or date +%s%N on shells without it) that goes through every command once per
# run. Either way the runs are split into ROUNDS rounds taken one after the other, and the median
# is over all runs of a command, so a burst of load from elsewhere on the machine is spread over
# every command instead of landing on one.
#
# Environment:
#   RUNS=30      timed runs per command and commit, over all rounds (at least 20 recommended)
#   ROUNDS=10    rounds (RUNS is split evenly among them)
#   WARMUP=1     untimed runs per command at the start of each round
#   FILES=5000   files in the generated repository (at least 5000: the 1,000-file commit needs them)
#   NO_HYPERFINE=1  use the timed loop even when hyperfine is installed
#   KEEP_TMP=1   keep the temporary folder (published builds, repository, raw times)
#   RID          runtime identifier to publish for (default: linux-x64 or linux-arm64 from uname -m)
#
# The ScopeGuard repository is only read: builds go to the temporary folder (--artifacts-path),
# and every git command names the generated repository explicitly.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-30}
ROUNDS=${ROUNDS:-10}
WARMUP=${WARMUP:-1}
FILES=${FILES:-5000}
report_file=$(bench_report_path "${1:-}")
if [ "$FILES" -lt 5000 ]; then
  echo "bench/run.sh: FILES=$FILES: at least 5000 are needed for the 1,000-file commit" >&2
  exit 2
fi

bench_rid bench/run.sh
bench_tmp bench

per_round=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
total_runs=$(( per_round * ROUNDS ))
load_start=$(load)
started=$(date +%s)

# ---------------------------------------------------------------- publish
publish() { bench_publish "$@" -r "$RID" --self-contained false; } # project output extra-args...

say "publishing into $tmp ($RID)"
publish "$root/src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" "$tmp/cli" -p:PublishReadyToRun=true
publish "$root/src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" "$tmp/cli-plain" -p:PublishReadyToRun=false
publish "$root/bench/hello/Hello.csproj" "$tmp/hello" -p:PublishReadyToRun=true
publish "$root/bench/libgit2-probe/Libgit2Probe.csproj" "$tmp/probe" -p:PublishReadyToRun=true
probe=$tmp/probe/libgit2-probe
sg=$tmp/cli/scopeguard
sg_plain=$tmp/cli-plain/scopeguard
hello=$tmp/hello/hello
say "scopeguard.dll: $(stat -c %s "$tmp/cli/scopeguard.dll") bytes ReadyToRun, $(stat -c %s "$tmp/cli-plain/scopeguard.dll") bytes plain"

# ---------------------------------------------------------------- repository
repo=$tmp/repo
g() { git -C "$repo" "$@"; }
teams=(Billing Shipping Catalog Identity Search)
modules=(Api Domain Data Services Models Handlers Validation Mapping Jobs Generated)
per_module=$(( FILES / ${#teams[@]} / ${#modules[@]} ))
src_per_module=$(( per_module * 4 / 5 ))
tests_per_module=$(( per_module - src_per_module ))

say "generating a repository of $FILES files in $repo"
mkdir -p "$repo"
git init -q -b main "$repo"
g config user.name "Bench"
g config user.email "bench@example.invalid"
g config commit.gpgsign false
g config core.hooksPath /dev/null

source_file() { # path namespace class
  printf 'namespace Contoso.%s;\n\n/// <summary>%s, generated for the benchmark.</summary>\npublic sealed class %s\n{\n    public int Id { get; init; }\n\n    public string Name { get; init; } = "%s";\n\n    public override string ToString() => $"{Name} #{Id}";\n}\n' \
    "$2" "$3" "$3" "$3" >"$1"
}

for team in "${teams[@]}"; do
  for module in "${modules[@]}"; do
    mkdir -p "$repo/src/$team/$module" "$repo/tests/$team/$module"
    for ((i = 1; i <= src_per_module; i++)); do
      source_file "$repo/src/$team/$module/${module}Item$i.cs" "$team.$module" "${module}Item$i"
    done
    for ((i = 1; i <= tests_per_module; i++)); do
      source_file "$repo/tests/$team/$module/${module}Item${i}Tests.cs" "$team.Tests.$module" "${module}Item${i}Tests"
    done
  done
done
mkdir -p "$repo/docs/agents" "$repo/.github/workflows"
printf '# Contoso\n\nA generated repository for the ScopeGuard benchmark.\n' >"$repo/README.md"
printf '# Billing agent\n' >"$repo/docs/agents/billing.md"
printf '<Project>\n</Project>\n' >"$repo/Directory.Build.props"
printf 'name: ci\non: [push]\n' >"$repo/.github/workflows/ci.yml"

# Five agents, in the shape of scopes.example.json. billing, the agent that commits here, has
# symbol rules, so the check compares the declarations of every changed .cs file (Roslyn); a copy
# without the "symbols" lines (kept first in each agent, so dropping them leaves valid JSON) is
# passed with --manifest for the paths-only rows.
cat >"$repo/scopes.json" <<'JSON'
{
  "$schema": "./schemas/scopes.schema.json",
  "version": 1,
  "settings": {
    "mode": "block",
    "baseBranch": "main",
    "unknownAgent": "allow",
    "protectedPaths": ["/scopes.json", "/hooks/", "/Directory.Build.props", "/Directory.Build.targets", "/.github/"],
    "protectedBranches": ["main", "release/*"],
    "defaults": {
      "paths": ["/docs/agents/{agent}.md"]
    }
  },
  "agents": {
    "billing": {
      "description": "Billing: invoices, payments and their tests.",
      "symbols": { "edit": ["N:Contoso.Billing"], "readonly": ["N:Contoso.Billing.Generated"] },
      "branches": ["agent/billing", "agent/billing/*"],
      "paths": ["/src/Billing/", "/tests/Billing/"],
      "deny": ["/src/Billing/Generated/"]
    },
    "shipping": {
      "description": "Shipping: carriers, labels and their tests.",
      "symbols": { "edit": ["N:Contoso.Shipping"] },
      "branches": ["agent/shipping", "agent/shipping/*"],
      "paths": ["/src/Shipping/", "/tests/Shipping/"]
    },
    "catalog": {
      "description": "Catalog: products and prices.",
      "branches": ["agent/catalog", "agent/catalog/*"],
      "paths": ["/src/Catalog/", "/tests/Catalog/"],
      "deny": ["/src/Catalog/Generated/"]
    },
    "identity": {
      "description": "Identity: users and sign-in.",
      "branches": ["agent/identity"],
      "paths": ["/src/Identity/", "/tests/Identity/"],
      "mode": "warn"
    },
    "search": {
      "description": "Search: indexing and queries; may touch Catalog's read models.",
      "symbols": { "body": ["N:Contoso.Catalog.Models"] },
      "branches": ["agent/search"],
      "paths": ["/src/Search/", "/tests/Search/", "/src/Catalog/Models/*.cs"]
    }
  }
}
JSON
grep -v '"symbols"' "$repo/scopes.json" >"$tmp/scopes-paths-only.json"
g add -A
g commit -q -m "Generated repository for the ScopeGuard benchmark"
# Packed, as a clone is; the agent's new objects stay loose, as they are before a commit.
g gc -q
g checkout -q -b agent/billing
repo_files=$(g ls-files | wc -l | tr -d ' ')
say "committed $repo_files files on main (packed); on branch agent/billing"

# ---------------------------------------------------------------- measuring
# A case's commands: parallel arrays of labels and command lines (split on spaces; no quoting).
names=()
cmds=()
add() { names+=("$1"); cmds+=("$2"); }

mkdir -p "$tmp/times"
have_hyperfine=0
if [ "${NO_HYPERFINE:-0}" != 1 ] && command -v hyperfine >/dev/null 2>&1; then
  have_hyperfine=1
fi

# Bash 5's $EPOCHREALTIME is read without a fork; older shells pay one `date` per reading (~1 ms).
have_epoch=0
if [ -n "${EPOCHREALTIME:-}" ]; then have_epoch=1; fi

# measure CASE: times every command in names/cmds, RUNS times over ROUNDS rounds, from inside the
# repository; writes one time in milliseconds a line to $tmp/times/CASE.N.
measure() {
  local case=$1 round i r n=${#cmds[@]}
  for ((i = 0; i < n; i++)); do : >"$tmp/times/$case.$i"; done
  cd "$repo"
  for ((round = 1; round <= ROUNDS; round++)); do
    say "$case: round $round/$ROUNDS, $per_round runs of ${n} commands (load $(load))"
    if [ "$have_hyperfine" = 1 ]; then
      local args=()
      for ((i = 0; i < n; i++)); do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
      hyperfine -N -i --style basic -w "$WARMUP" -r "$per_round" \
        --export-json "$tmp/times/$case.round$round.json" "${args[@]}" >>"$tmp/times/$case.log" 2>&1 \
        || { cat "$tmp/times/$case.log" >&2; say "hyperfine failed"; exit 1; }
      # Each result's "times" array, in seconds, one number a line (hyperfine pretty-prints it).
      awk -v dir="$tmp/times" -v case="$case" '
        /"command":/ { k++ }
        /"times": \[/ { inside = 1; next }
        inside && /\]/ { inside = 0; next }
        inside { gsub(/[ ,]/, ""); printf "%.3f\n", $0 * 1000 >> (dir "/" case "." (k - 1)) }
      ' "$tmp/times/$case.round$round.json"
    else
      # Interleaved: every run goes once through all commands.
      for ((r = 1; r <= WARMUP + per_round; r++)); do
        for ((i = 0; i < n; i++)); do
          local t0 t1
          if [ "$have_epoch" = 1 ]; then t0=${EPOCHREALTIME/[.,]/}; else t0=$(( $(date +%s%N) / 1000 )); fi
          ${cmds[$i]} >/dev/null 2>&1 || true
          if [ "$have_epoch" = 1 ]; then t1=${EPOCHREALTIME/[.,]/}; else t1=$(( $(date +%s%N) / 1000 )); fi
          if [ "$r" -gt "$WARMUP" ]; then
            awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e3 }' >>"$tmp/times/$case.$i"
          fi
        done
      done
    fi
  done
  cd "$root"
}

count() { wc -l <"$1" | tr -d ' '; }

rows=()
# table CASE TITLE: appends the case's rows; the ratios are to hello (index HELLO_I) and git (GIT_I).
table() {
  local case=$1 title=$2 i n=${#cmds[@]} m hello_m git_m
  hello_m=$(median <"$tmp/times/$case.$hello_i")
  git_m=$(median <"$tmp/times/$case.$git_i")
  for ((i = 0; i < n; i++)); do
    m=$(median <"$tmp/times/$case.$i")
    rows+=("$(awk -v t="$title" -v c="${names[$i]}" -v m="$m" -v h="$hello_m" -v g="$git_m" -v k="$(count "$tmp/times/$case.$i")" \
      'BEGIN { printf "| %s | %s | %.1f | %.2f | %.1f | %d |", t, c, m, m / h, m / g, k }')")
  done
}

expect_check() { # expected-exit-code [VAR=value...] command...: runs it once in the repository and shows what it says
  local want=$1 rc=0
  shift
  (cd "$repo" && env "$@") >"$tmp/check.out" 2>&1 || rc=$?
  sed 's/^/  | /' "$tmp/check.out" | tail -n 6 >&2
  if [ "$rc" != "$want" ]; then
    say "'$*' exited $rc, expected $want"
    exit 1
  fi
}

expect_staged() { # count: git must see exactly that many changed paths
  local got
  got=$(g diff --cached --name-status | wc -l | tr -d ' ')
  say "staged: $got paths"
  if [ "$got" != "$1" ]; then
    say "expected $1 staged paths"
    exit 1
  fi
}

# ---- 10-file commit: 7 modified, 2 added, 1 renamed, all in billing's scope.
for i in 1 2 3 4 5 6 7; do
  printf '// changed by the billing agent\n' >>"$repo/src/Billing/Api/ApiItem$i.cs"
done
source_file "$repo/src/Billing/Domain/Refund.cs" Billing.Domain Refund
source_file "$repo/tests/Billing/Domain/RefundTests.cs" Billing.Tests.Domain RefundTests
g mv src/Billing/Services/ServicesItem1.cs src/Billing/Services/InvoiceService.cs
g add -A
expect_staged 10
expect_check 0 "$sg" check --staged

# The out-of-scope variant: the same index plus one file of shipping's, in a separate index file
# (GIT_INDEX_FILE, as git commit -a or git commit PATHS hand it to the hook).
cp "$repo/.git/index" "$repo/.git/index-out-of-scope"
printf '// billing should not touch this\n' >>"$repo/src/Shipping/Api/ApiItem1.cs"
GIT_INDEX_FILE="$repo/.git/index-out-of-scope" g add src/Shipping/Api/ApiItem1.cs
expect_check 1 GIT_INDEX_FILE="$repo/.git/index-out-of-scope" "$sg" check --staged
paths_only="--manifest $tmp/scopes-paths-only.json"
expect_check 0 "$sg" check --staged --manifest "$tmp/scopes-paths-only.json"

names=() cmds=()
add "git diff --cached --name-status" "git diff --cached --name-status"
add "scopeguard check --staged (ReadyToRun)" "$sg check --staged"
add "scopeguard check --staged (plain)" "$sg_plain check --staged"
add "scopeguard check --staged, paths only: manifest without symbol rules (ReadyToRun)" "$sg check --staged $paths_only"
add "scopeguard check --staged, 1 path out of scope, exit 1 (ReadyToRun)" "env GIT_INDEX_FILE=$repo/.git/index-out-of-scope $sg check --staged"
add "scopeguard --version (ReadyToRun: start-up and command line only)" "$sg --version"
add "scopeguard --help (ReadyToRun: start-up, command line and help text)" "$sg --help"
add "hello (ReadyToRun)" "$hello"
add "LibGit2Sharp probe: the staged check's git calls only (ReadyToRun)" "$probe"
add "LibGit2Sharp probe, base: also the base branch's tips, merge base and manifest there (ReadyToRun)" "$probe base"
git_i=0 hello_i=7 probe_i=8 base_i=9 paths_i=3
measure small
table small "10 files"
probe_m=$(median <"$tmp/times/small.$probe_i")
base_m=$(median <"$tmp/times/small.$base_i")
paths_m=$(median <"$tmp/times/small.$paths_i")
probe_ratio=$(awk -v a="$paths_m" -v b="$probe_m" 'BEGIN { printf "%.2f", a / b }')
base_ratio=$(awk -v a="$paths_m" -v b="$base_m" 'BEGIN { printf "%.2f", a / b }')

# ---- 1,000-file commit: 700 modified, 200 added, 50 renamed, 50 deleted, all in billing's scope.
g reset -q --hard HEAD
g clean -q -fd
rm -f "$repo/.git/index-out-of-scope"
n=0
for module in Api Domain Data Services Models Handlers Validation Mapping Jobs; do
  for ((i = 1; i <= src_per_module && n < 700; i++)); do
    printf '// changed by the billing agent\n' >>"$repo/src/Billing/$module/${module}Item$i.cs"
    n=$((n + 1))
  done
done
mkdir -p "$repo/src/Billing/Refunds"
for ((i = 1; i <= 200; i++)); do
  source_file "$repo/src/Billing/Refunds/Refund$i.cs" Billing.Refunds "Refund$i"
done
n=0
for module in "${modules[@]}"; do
  for ((i = 1; i <= tests_per_module && n < 100; i++)); do
    if [ "$n" -lt 50 ]; then
      g mv "tests/Billing/$module/${module}Item${i}Tests.cs" "tests/Billing/$module/${module}Renamed${i}Tests.cs"
    else
      g rm -q "tests/Billing/$module/${module}Item${i}Tests.cs"
    fi
    n=$((n + 1))
  done
done
g add -A
expect_staged 1000
expect_check 0 "$sg" check --staged
expect_check 0 "$sg" check --staged --manifest "$tmp/scopes-paths-only.json"

names=() cmds=()
add "git diff --cached --name-status" "git diff --cached --name-status"
add "scopeguard check --staged (ReadyToRun)" "$sg check --staged"
add "scopeguard check --staged (plain)" "$sg_plain check --staged"
add "scopeguard check --staged, paths only: manifest without symbol rules (ReadyToRun)" "$sg check --staged $paths_only"
add "hello (ReadyToRun)" "$hello"
git_i=0 hello_i=4
measure large
table large "1,000 files"

# ---------------------------------------------------------------- report
load_end=$(load)
{
  echo "| commit | command | median (ms) | × hello | × git diff | runs |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "10 files, path rules: the check (paths only) takes $probe_ratio× the LibGit2Sharp probe (bench/libgit2-probe: open, branch, HEAD:scopes.json, one config key, the index against HEAD with copy detection; no manifest, rules or report), and $base_ratio× the probe with the base branch's lookups (\`libgit2-probe base\`)."
  echo
  if [ "$have_hyperfine" = 1 ]; then
    tool="$(hyperfine --version) (-N, $WARMUP warm-up runs a round)"
  else
    tool="timed shell loop, runs interleaved ($WARMUP warm-up runs a round; no hyperfine)"
  fi
  echo "- $total_runs runs per command in $ROUNDS rounds, $tool; repository of $repo_files files"
  echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), dotnet $(dotnet --version), $(git --version), $RID"
  echo "- load average (1, 5, 15 min) at start: $load_start; at end: $load_end; took $(( $(date +%s) - started )) s"
} >"$tmp/report.md"

cat "$tmp/report.md"
if [ -n "$report_file" ]; then
  cp "$tmp/report.md" "$report_file"
  say "report written to $report_file"
fi
