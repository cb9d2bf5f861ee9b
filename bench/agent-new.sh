#!/usr/bin/env bash
# Whole-process benchmark of `scopeguard agent new` next to `git worktree add` alone.
#
#   bench/agent-new.sh [REPORT.md]
#
# Publishes the CLI (ReadyToRun, framework-dependent) into a temporary folder, generates a repository
# of 10,000 files with the git CLI (a scopes.json with 20 agents, ScopeGuard's hooks installed), and
# then times, interleaved run by run so that both see the same load:
#   - git worktree add -b bench/N DIR main              (what agent new must do anyway: branch + checkout)
#   - scopeguard agent new billing --path DIR           (branch, worktree, worktree config, hooks check,
#                                                        scope card, info/exclude, ignore check)
# Each worktree and branch is removed again between runs, outside the timing. The first run of each is
# a warm-up (it also turns extensions.worktreeConfig on, once). Prints a Markdown table of medians and
# the ratio; with an argument, also writes it to that file.
#
# Environment: RUNS=10 timed runs per command, FILES=10000, KEEP_TMP=1 keeps the temporary folder,
# CLI_DIR=DIR uses a CLI published there (dotnet publish src/ScopeGuard.Cli -c Release -o DIR) instead.
# The ScopeGuard repository is only read.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-10}
FILES=${FILES:-10000}
report_file=$(bench_report_path "${1:-}")

bench_tmp agent-new
load_start=$(load)

if [ -n "${CLI_DIR:-}" ]; then
  say "using the published CLI in $CLI_DIR"
  mkdir -p "$tmp/cli" && cp -R "$CLI_DIR"/. "$tmp/cli/"
  sg=$tmp/cli/scopeguard
else
  say "publishing into $tmp"
  bench_publish_cli
fi

repo=$tmp/repo
g() { git -C "$repo" "$@"; }
bench_git_init "$repo"
g config --unset core.hooksPath # agent new installs the guard's hooks into it
g config gc.auto 0 # no background gc racing the explicit one (or the timings)

say "generating $FILES files"
teams=20
per_team=$((FILES / teams))
agents=""
for ((t = 1; t <= teams; t++)); do
  team=team$t
  [ "$t" = 1 ] && team=billing
  for ((m = 1; m <= 10; m++)); do mkdir -p "$repo/src/$team/Module$m"; done
  for ((i = 1; i <= per_team; i++)); do
    printf 'namespace Contoso.%s;\n\npublic sealed class Item%s\n{\n    public int Id { get; init; }\n}\n' "$team" "$i" \
      >"$repo/src/$team/Module$((i % 10 + 1))/Item$i.cs"
  done
  agents="$agents${agents:+,}
    \"$team\": { \"branches\": [\"agent/$team\"], \"paths\": [\"/src/$team/\"], \"symbols\": { \"edit\": [\"N:Contoso.$team\"] } }"
done
cat >"$repo/scopes.json" <<JSON
{
  "version": 1,
  "settings": { "baseBranch": "main", "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
  "agents": {$agents
  }
}
JSON
g add -A
g commit -q -m "$FILES files and scopes.json"
g gc -q
(cd "$repo" && "$sg" install >/dev/null)
count=$(g ls-files | wc -l)
say "repository: $count files"

ms() { echo $(( ($2 - $1) / 1000000 )); }
git_times=()
sg_times=()
for ((run = 0; run <= RUNS; run++)); do
  dir=$tmp/wt-git-$run
  start=$(date +%s%N)
  g worktree add -q -b "bench/$run" "$dir" main
  end=$(date +%s%N)
  [ "$run" -gt 0 ] && git_times+=("$(ms "$start" "$end")")
  g worktree remove --force "$dir"
  g branch -q -D "bench/$run"

  dir=$tmp/wt-sg-$run
  start=$(date +%s%N)
  (cd "$repo" && "$sg" agent new billing --path "$dir" >"$tmp/agent-new.out")
  end=$(date +%s%N)
  [ "$run" -gt 0 ] && sg_times+=("$(ms "$start" "$end")")
  [ -f "$dir/.scopeguard/SCOPE.md" ] || { say "agent new wrote no card"; cat "$tmp/agent-new.out" >&2; exit 1; }
  (cd "$repo" && "$sg" agent remove billing --force --delete-branch >/dev/null)
done

git_median=$(echo "${git_times[*]}" | median)
sg_median=$(echo "${sg_times[*]}" | median)
ratio=$(awk -v a="$sg_median" -v b="$git_median" 'BEGIN { printf "%.2f", a / b }')
load_end=$(load)

report=$(cat <<MD
| command ($count files, $RUNS runs each, interleaved) | median ms | runs (ms) |
|---|---:|---|
| \`git worktree add -b bench/N DIR main\` | $git_median | ${git_times[*]} |
| \`scopeguard agent new billing --path DIR\` | $sg_median | ${sg_times[*]} |
| ratio agent new / worktree add | **$ratio×** | |

Load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end.
MD
)
printf '%s\n' "$report"
[ -n "$report_file" ] && printf '%s\n' "$report" >"$report_file"
exit 0
