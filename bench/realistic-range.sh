#!/usr/bin/env bash
# Whole-process benchmark of the range check on files in the shape of real code, next to git and to
# the parse-only floor, on the same ranges.
#
#   bench/realistic-range.sh [REPORT.md]
#
# bench/realistic generates 2,000 C# files of 10-30 KB (a namespace, a service class with XML docs,
# #region, long methods, nested types, a record and an interface; a third of them with #if DEBUG and
# #if TRACE) and edits them: 1-3 hunks in method bodies, about 20 changed lines a file. The repository
# is built once and kept in $BENCH_CACHE (default: ${TMPDIR:-/tmp}/scopeguard-bench), keyed by the
# generator's version, so a rerun starts timing at once. Ranges:
#   - main...r100: 100 edited files; main...agent/billing: 2,000 edited files;
#   - main...commits150: the same 2,000 edits in 150 commits (for --per-commit).
# The agent billing may write /src/ and has "body": ["N:Contoso"]: every file declares in Contoso, so
# every changed file is parsed on both sides and judged (the edits change bodies only: exit 0). The checks
# name the agent (--agent billing): a range given by --head is judged as no branch's.
# Times side by side, in interleaved rounds (each round runs every command once, so load from
# elsewhere hits all alike):
#   - git diff (full patch) of the range;
#   - scopeguard check --base main [--head ...] (with --no-cache when the CLI has it: cold);
#   - the same check with the declaration cache warm (the check before timing fills it);
#   - the parse-only floor: `realistic parse`, Roslyn's parse of both sides of every changed file, in
#     parallel, in one ReadyToRun process of its own (files read from disk, no git);
#   - on the 150-commit range, check --per-commit next to the plain range check;
# and the peak resident memory of the 2,000-file checks (/usr/bin/time, median of 3).
# Environment: RUNS=7 rounds, WARMUP=1, BENCH_CACHE=DIR, KEEP_TMP=1; BEFORE_CLI=PATH adds rows for another
# published CLI (an earlier commit) on the 100- and 2,000-file ranges; SG_CLI=PATH and SG_PROBE=PATH use a
# CLI and a bench/realistic already published instead of publishing them. The ScopeGuard repository is only read.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-7}
WARMUP=${WARMUP:-1}
FILES=2000
report_file=$(bench_report_path "${1:-}")

bench_tmp realistic
load_start=$(load)

if [ -n "${SG_CLI:-}" ] && [ -n "${SG_PROBE:-}" ]; then
  sg=$SG_CLI
  probe=$SG_PROBE
else
  say "publishing the CLI and bench/realistic (ReadyToRun) into $tmp"
  for project in src/ScopeGuard.Cli/ScopeGuard.Cli.csproj bench/realistic/Realistic.csproj; do
    out=$tmp/$(basename "$project" .csproj)
    bench_publish "$root/$project" "$out" -p:PublishReadyToRun=true
  done
  sg=$tmp/ScopeGuard.Cli/scopeguard
  probe=$tmp/Realistic/realistic
fi

version=$("$probe" version)
cache=${BENCH_CACHE:-${TMPDIR:-/tmp}/scopeguard-bench}/realistic-v$version
repo=$cache/repo
g() { git -C "$repo" "$@"; }
if [ ! -f "$cache/ready" ]; then
  say "generating the repository in $cache (once per generator version)"
  rm -rf "$cache"
  bench_git_init "$repo"
  "$probe" generate "$repo" "$FILES"
  cat >"$repo/scopes.json" <<'JSON'
{
  "version": 1,
  "settings": { "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
  "agents": {
    "billing": {
      "branches": ["agent/billing", "commits150"],
      "paths": ["/src/"],
      "symbols": { "body": ["N:Contoso"] }
    }
  }
}
JSON
  g add -A
  g commit -q -m "Generated repository"
  g checkout -q -b agent/billing
  "$probe" edit "$repo" 0 100
  g commit -q -am "100 edited files"
  g tag r100
  "$probe" edit "$repo" 100 "$FILES"
  g commit -q -am "1,900 more edited files"
  g checkout -q -b commits150 main
  for ((c = 0; c < 150; c++)); do
    "$probe" edit "$repo" $((c * FILES / 150)) $(((c + 1) * FILES / 150))
    g commit -q -am "edit $c"
  done
  [ "$(g rev-parse 'commits150^{tree}')" = "$(g rev-parse 'agent/billing^{tree}')" ] || { say "the 150 commits should end where the range does"; exit 1; }
  g checkout -q agent/billing
  g gc -q
  for side in main agent/billing; do
    mkdir -p "$cache/${side%%/*}"
    g archive "$side" src | tar -x -C "$cache/${side%%/*}"
  done
  g diff --name-only main...r100 >"$cache/list100"
  g diff --name-only main...agent/billing >"$cache/list2000"
  touch "$cache/ready"
fi
[ "$(wc -l <"$cache/list100")" -eq 100 ] && [ "$(wc -l <"$cache/list2000")" -eq "$FILES" ] || { say "unexpected ranges in $cache"; exit 1; }
kb=$(cat $(sed "s#^#$cache/main/#" "$cache/list2000") | wc -c)
lines=$(g diff --numstat main...agent/billing | awk '{ a += $1; d += $2 } END { printf "%d added, %d deleted", a, d }')
say "2,000 files, $((kb / 1024 / FILES)) KB each on average; $lines lines"

nocache=
if "$sg" check --help 2>/dev/null | grep -q -- '--no-cache'; then nocache=--no-cache; fi
checks=(
  "git diff main...r100 (full patch)|git -C $repo diff main...r100"
  "scopeguard check --base main --head r100 $nocache|$sg check --base main --head r100 --agent billing $nocache"
  "parse-only floor, 100 files (realistic parse)|$probe parse $cache/main $cache/agent $cache/list100"
  "git diff main...agent/billing (full patch)|git -C $repo diff main...agent/billing"
  "scopeguard check --base main $nocache|$sg check --base main --agent billing $nocache"
  "parse-only floor, 2,000 files (realistic parse)|$probe parse $cache/main $cache/agent $cache/list2000"
  "scopeguard check --base main --head r100, warm cache|$sg check --base main --head r100 --agent billing"
  "scopeguard check --base main, warm cache|$sg check --base main --agent billing"
  "scopeguard check --base main --head commits150 $nocache|$sg check --base main --head commits150 --agent billing $nocache"
  "scopeguard check --base main --head commits150 --per-commit $nocache|$sg check --base main --head commits150 --per-commit --agent billing $nocache"
)
if [ -n "${BEFORE_CLI:-}" ]; then
  checks+=(
    "BEFORE_CLI check --base main --head r100|$BEFORE_CLI check --base main --head r100 --agent billing"
    "BEFORE_CLI check --base main|$BEFORE_CLI check --base main --agent billing"
  )
fi
cd "$repo"
for entry in "${checks[@]}"; do
  command=${entry#*|}
  if ! $command >/dev/null 2>"$tmp/err"; then
    say "not clean (exit $?): $command"; cat "$tmp/err" >&2; exit 1
  fi
done
"$sg" check --base main --head r100 --agent billing --format json | grep -q '"agent": "billing"' || { say "the check did not judge billing"; exit 1; }
declare -A times
for ((r = -WARMUP; r < RUNS; r++)); do
  for entry in "${checks[@]}"; do
    label=${entry%%|*}
    command=${entry#*|}
    start=$(date +%s%N)
    $command >/dev/null 2>&1
    end=$(date +%s%N)
    [ "$r" -lt 0 ] || times[$label]+="$(( (end - start) / 1000 )) "
  done
  say "round $((r + 1)) of $RUNS done (load $(load))"
done
declare -A result
for entry in "${checks[@]}"; do
  label=${entry%%|*}
  result[$label]=$(printf '%s\n' ${times[$label]} | median)
done
rss() { # command: median peak RSS in MB over 3 runs
  for ((r = 0; r < 3; r++)); do
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
  done | median | awk '{ printf "%.0f", $1 / 1024 }'
}
rss_2000=$(rss "$sg" check --base main --agent billing $nocache)
rss_plain=$(rss "$sg" check --base main --head commits150 --agent billing $nocache)
rss_per=$(rss "$sg" check --base main --head commits150 --per-commit --agent billing $nocache)
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo "| range | command | median (ms) | × git diff (full patch) | × parse-only floor |"
  echo "| --- | --- | ---: | ---: | ---: |"
  for entry in "${checks[@]}"; do
    label=${entry%%|*}
    case "$label" in
      *r100*|*"100 files"*|*BEFORE_CLI*r100) range="100 files"; full="git diff main...r100 (full patch)"; floor="parse-only floor, 100 files (realistic parse)" ;;
      *commits150*) range="2,000 files in 150 commits"; full="git diff main...agent/billing (full patch)"; floor="parse-only floor, 2,000 files (realistic parse)" ;;
      *) range="2,000 files"; full="git diff main...agent/billing (full patch)"; floor="parse-only floor, 2,000 files (realistic parse)" ;;
    esac
    echo "| $range | $label | $(ms "${result[$label]}") | $(ratio "${result[$label]}" "${result[$full]}") | $(ratio "${result[$label]}" "${result[$floor]}") |"
  done
  per="scopeguard check --base main --head commits150 --per-commit $nocache"
  plain="scopeguard check --base main --head commits150 $nocache"
  echo
  echo "--per-commit / plain range check (150 commits): $(ratio "${result[$per]}" "${result[$plain]}")."
  echo "Peak resident memory (median of 3, /usr/bin/time): 2,000-file range check ${rss_2000} MB; 150-commit range, plain ${rss_plain} MB, --per-commit ${rss_per} MB."
  echo "Files: $FILES, $((kb / 1024 / FILES)) KB on average; the 2,000-file range: $lines lines."
  echo
  echo "$RUNS interleaved rounds after $WARMUP warm-up round(s); load average $load_start at the start, $(load) at the end; $(nproc) cores; $(dotnet --version); $(git --version)."
} | tee "${report_file:-/dev/null}"
