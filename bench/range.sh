#!/usr/bin/env bash
# Whole-process benchmark of the range checks (the CI gate), next to git on the same range.
#
#   bench/range.sh [REPORT.md]
#
# Publishes the CLI (ReadyToRun, framework-dependent) into a temporary folder, generates a
# repository of C# files with the git CLI, and on agent/billing makes two commits: 1,000 changed
# .cs files (tag r1000), then 1,000 more (HEAD: a 2,000-file range), all in namespaces the agent may
# edit freely. A second branch from main changes 1,000 files in the namespaces where billing may
# change bodies only (tag b1000). It then times, side by side:
#   - `git diff --name-status` and `git diff` (full patch) of main...r1000, main...b1000 and main...HEAD
#   - `scopeguard check --base main --head r1000` with symbol rules: no body, extend or readonly rule
#     can cover a declaration in these files, so the check reads every file but parses none
#   - `scopeguard check --base main --head b1000 --agent billing` with symbol rules: every changed .cs
#     file is parsed on both sides and its declarations compared, in parallel
#   - `scopeguard check --base main` over the 2,000-file range, with and without symbol rules
# and measures the peak resident memory of the symbol checks (/usr/bin/time, median of 5 runs).
# Prints a Markdown table of medians and ratios; with an argument, also writes it to that file.
#
# Environment: RUNS=10 timed runs per command, WARMUP=2, KEEP_TMP=1 keeps the temporary folder.
# The ScopeGuard repository is only read.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
report_file=$(bench_report_path "${1:-}")

bench_tmp range
load_start=$(load)

say "publishing into $tmp"
bench_publish_cli

repo=$tmp/repo
g() { git -C "$repo" "$@"; }
bench_git_init "$repo"

say "generating 3,000 C# files"
source_file() { # path namespace class extra
  {
    printf 'using System;\nusing System.Collections.Generic;\n\nnamespace Contoso.%s;\n\n' "$2"
    printf '/// <summary>%s, generated for the benchmark.</summary>\npublic sealed class %s : IDisposable\n{\n' "$3" "$3"
    printf '    private readonly List<decimal> lines = new();\n\n    public int Id { get; init; }\n\n'
    for m in 1 2 3 4 5 6; do
      printf '    public decimal Add%s(decimal amount, int quantity)\n    {\n        var total = amount * quantity%s;\n        lines.Add(total);\n        return total;\n    }\n\n' "$m" "$4"
    done
    printf '    public void Dispose() => lines.Clear();\n}\n'
  } >"$1"
}
for module in Api Domain Data Services Models Handlers; do
  mkdir -p "$repo/src/Billing/$module"
  for ((i = 1; i <= 500; i++)); do
    source_file "$repo/src/Billing/$module/${module}Item$i.cs" "Billing.$module" "${module}Item$i" ""
  done
done
cat >"$repo/scopes.json" <<'JSON'
{
  "version": 1,
  "settings": { "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
  "agents": {
    "billing": {
      "branches": ["agent/billing"],
      "paths": ["/src/Billing/"],
      "symbols": { "edit": ["N:Contoso.Billing.Api", "N:Contoso.Billing.Domain", "N:Contoso.Billing.Data", "N:Contoso.Billing.Services"], "body": ["N:Contoso.Billing.Models", "N:Contoso.Billing.Handlers"] }
    },
    "shipping": { "branches": ["agent/shipping"], "paths": ["/src/Shipping/"] }
  }
}
JSON
grep -v '"symbols"' "$repo/scopes.json" | sed 's#"/src/Billing/"\],#"/src/Billing/"]#' >"$tmp/paths-only.json"
g add -A
g commit -q -m "Generated repository"
g gc -q

say "making the agent's commits"
g checkout -q -b agent/billing
n=0
for module in Api Domain Data Services Models Handlers; do
  for ((i = 1; i <= 500; i++)); do
    n=$((n + 1))
    [ "$n" -le 2000 ] || break 2
    source_file "$repo/src/Billing/$module/${module}Item$i.cs" "Billing.$module" "${module}Item$i" " + $n"
    if [ "$n" -eq 1000 ]; then
      g add -A
      g commit -q -m "Billing: 1,000 body edits"
      g tag r1000
    fi
  done
done
g add -A
g commit -q -m "Billing: 1,000 more body edits"
say "making 1,000 body edits where billing may change bodies only"
g checkout -q -b bodies main
n=0
for module in Models Handlers; do
  for ((i = 1; i <= 500; i++)); do
    n=$((n + 1))
    source_file "$repo/src/Billing/$module/${module}Item$i.cs" "Billing.$module" "${module}Item$i" " + $n"
  done
done
g add -A
g commit -q -m "Billing: 1,000 body edits in body-only namespaces"
g tag b1000
g checkout -q agent/billing
[ "$(g diff --name-only main...r1000 | wc -l)" -eq 1000 ] || { say "expected a 1,000-file range"; exit 1; }
[ "$(g diff --name-only main...b1000 | wc -l)" -eq 1000 ] || { say "expected a 1,000-file body range"; exit 1; }
[ "$(g diff --name-only main...HEAD | wc -l)" -eq 2000 ] || { say "expected a 2,000-file range"; exit 1; }

checks=(
  "git diff --name-status main...r1000|git -C $repo diff --name-status main...r1000"
  "git diff main...r1000 (full patch)|git -C $repo diff main...r1000"
  "scopeguard check --base main --head r1000 (symbol rules; nothing to parse)|$sg check --base main --head r1000"
  "git diff --name-status main...b1000|git -C $repo diff --name-status main...b1000"
  "git diff main...b1000 (full patch)|git -C $repo diff main...b1000"
  "scopeguard check --base main --head b1000 (symbol rules: 1,000 .cs parsed)|$sg check --base main --head b1000 --agent billing"
  "git diff --name-status main...HEAD|git -C $repo diff --name-status main...HEAD"
  "git diff main...HEAD (full patch)|git -C $repo diff main...HEAD"
  "scopeguard check --base main (2,000 files, paths only)|$sg check --base main --manifest $tmp/paths-only.json"
  "scopeguard check --base main (2,000 files, symbol rules)|$sg check --base main"
)
cd "$repo"
for entry in "${checks[@]}"; do
  command=${entry#*|}
  if ! $command >/dev/null 2>&1; then
    say "not clean (exit $?): $command"; exit 1
  fi
done

bench_time_checks

rss() { # command: median peak RSS in MB over 5 runs
  for ((r = 0; r < 5; r++)); do
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
  done | median | awk '{ printf "%.0f", $1 / 1024 }'
}
rss_1000=$(rss "$sg" check --base main --head r1000)
rss_b1000=$(rss "$sg" check --base main --head b1000 --agent billing)
rss_2000=$(rss "$sg" check --base main)
rss_paths=$(rss "$sg" check --base main --manifest "$tmp/paths-only.json")

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo "| range | command | median (ms) | × git diff --name-status | × git diff (full patch) |"
  echo "| --- | --- | ---: | ---: | ---: |"
  for entry in "${checks[@]}"; do
    label=${entry%%|*}
    case "$label" in *b1000*) range="1,000 .cs files, body-only namespaces"; ns="git diff --name-status main...b1000"; full="git diff main...b1000 (full patch)" ;;
      *r1000*) range="1,000 .cs files"; ns="git diff --name-status main...r1000"; full="git diff main...r1000 (full patch)" ;;
      *) range="2,000 .cs files"; ns="git diff --name-status main...HEAD"; full="git diff main...HEAD (full patch)" ;; esac
    echo "| $range | $label | $(ms "${result[$label]}") | $(ratio "${result[$label]}" "${result[$ns]}") | $(ratio "${result[$label]}" "${result[$full]}") |"
  done
  echo
  echo "Peak resident memory (median of 5, /usr/bin/time): 1,000 .cs files with symbol rules ${rss_1000} MB (nothing parsed), ${rss_b1000} MB (1,000 parsed); 2,000 with symbol rules ${rss_2000} MB; 2,000 paths only ${rss_paths} MB."
  echo
  echo "$RUNS runs per command after $WARMUP warm-up runs; load average $load_start at the start, $(load) at the end; $(nproc) cores; $(dotnet --version); $(git --version)."
} | tee "${report_file:-/dev/null}"
