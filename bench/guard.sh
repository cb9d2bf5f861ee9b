#!/usr/bin/env bash
# Whole-process benchmark of `scopeguard guard` (the pre-edit hook a coding agent runs before every
# edit) side by side with `scopeguard check --staged` on a 1-file change (what the pre-commit hook runs).
#
#   bench/guard.sh [REPORT.md]
#
# Publishes the CLI ReadyToRun (framework-dependent), generates a repository of FILES C# files over
# AGENTS agents (src/TeamNN/..., one agent per team, scopes.json committed on main), adds a linked
# worktree for agent team00 on agent/team00 (team00 has symbol rules, so its edits are parsed), stages a
# 1-file body change there, and times, interleaved round by round:
#   git diff --cached --name-status            the floor of reading the index
#   scopeguard check --staged                  the pre-commit hook's check of the 1-file change
#   guard: Edit in scope (allowed)             Claude Code's PreToolUse JSON for a body edit of another file
#   guard: Write out of scope (denied, exit 2) a Write into another team's folder
#   guard: Bash that writes nothing            `dotnet build`: the scanner finds nothing, no repository is opened
#   guard: Bash redirect out of scope (denied) `echo x > src/Team42/...`
# Prints a Markdown table of medians and ratios to check --staged; with an argument, also writes it there.
#
# Environment: RUNS=20 (timed runs per command, over all rounds), ROUNDS=5, FILES=10000, AGENTS=100,
# KEEP_TMP=1 keeps the temporary folder, RID (default from uname -m).
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-20}
ROUNDS=${ROUNDS:-5}
FILES=${FILES:-10000}
AGENTS=${AGENTS:-100}
report_file=$(bench_report_path "${1:-}")
bench_rid bench/guard.sh

bench_tmp guard-bench
now_us() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/./}"; else echo $(( $(date +%s%N) / 1000 )); fi; }

say "publishing the CLI into $tmp ($RID)"
bench_publish_cli -r "$RID" --self-contained false

# ---------------------------------------------------------------- repository
repo=$tmp/repo
g() { git -C "$repo" "$@"; }
per_team=$(( FILES / AGENTS ))
say "generating $FILES files over $AGENTS agents in $repo"
bench_git_init "$repo"
g config gc.auto 0
for ((t = 0; t < AGENTS; t++)); do
  team=$(printf 'Team%02d' "$t")
  mkdir -p "$repo/src/$team"
  for ((i = 1; i <= per_team; i++)); do
    printf 'namespace Contoso.%s;\n\npublic sealed class Item%d\n{\n    public int Id { get; init; }\n\n    public int Next() => Id + 1;\n}\n' "$team" "$i" >"$repo/src/$team/Item$i.cs"
  done
done
{
  printf '{\n  "version": 1,\n  "settings": { "mode": "block", "unknownAgent": "allow", "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },\n  "agents": {\n'
  for ((t = 0; t < AGENTS; t++)); do
    team=$(printf 'Team%02d' "$t")
    name=$(printf 'team%02d' "$t")
    symbols=
    if [ "$t" = 0 ]; then
      symbols='"symbols": { "edit": ["N:Contoso.Team00"], "body": ["T:Contoso.Team01.Item1"], "readonly": ["T:Contoso.Team00.Item3"] }, '
    fi
    sep=,
    [ "$t" = $((AGENTS - 1)) ] && sep=
    printf '    "%s": { %s"branches": ["agent/%s"], "paths": ["/src/%s/"] }%s\n' "$name" "$symbols" "$name" "$team" "$sep"
  done
  printf '  }\n}\n'
} >"$repo/scopes.json"
g add -A
g commit -q -m "Generated repository for the guard benchmark"
g gc -q
wt=$tmp/wt-team00
g worktree add -q -b agent/team00 "$wt"
sed -i 's/Id + 1/Id + 2/' "$wt/src/Team00/Item1.cs"
git -C "$wt" add src/Team00/Item1.cs

json() { # tool input-json
  printf '{"session_id":"bench","transcript_path":"/dev/null","cwd":"%s","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"%s","tool_input":%s,"tool_use_id":"toolu_bench"}' "$wt" "$1" "$2"
}
json Edit "{\"file_path\":\"$wt/src/Team00/Item2.cs\",\"old_string\":\"Id + 1\",\"new_string\":\"Id + 3\"}" >"$tmp/edit.json"
json Write "{\"file_path\":\"$wt/src/Team42/New.cs\",\"content\":\"class New { }\\n\"}" >"$tmp/write-denied.json"
json Bash '{"command":"dotnet build -c Release 2>&1 | tail -5","description":"build"}' >"$tmp/bash-nothing.json"
json Bash '{"command":"echo x > src/Team42/Item1.cs","description":"write"}' >"$tmp/bash-denied.json"

names=("git diff --cached --name-status" "scopeguard check --staged (1 file)" "guard: Edit in scope (allowed)" "guard: Write out of scope (denied)" "guard: Bash writing nothing (allowed)" "guard: Bash redirect out of scope (denied)")
expected=(0 0 0 2 0 2)
run_one() { # index
  case $1 in
    0) git -C "$wt" diff --cached --name-status >/dev/null ;;
    1) (cd "$wt" && "$sg" check --staged >/dev/null) ;;
    2) (cd "$wt" && "$sg" guard <"$tmp/edit.json" >/dev/null 2>&1) ;;
    3) (cd "$wt" && "$sg" guard <"$tmp/write-denied.json" >/dev/null 2>&1) ;;
    4) (cd "$wt" && "$sg" guard <"$tmp/bash-nothing.json" >/dev/null 2>&1) ;;
    5) (cd "$wt" && "$sg" guard <"$tmp/bash-denied.json" >/dev/null 2>&1) ;;
  esac
}

# Each command once (untimed), checking its exit code.
for i in "${!names[@]}"; do
  set +e
  run_one "$i"
  code=$?
  set -e
  if [ "$code" != "${expected[$i]}" ]; then
    say "'${names[$i]}' exited $code, expected ${expected[$i]}"
    exit 1
  fi
done

per_round=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
load_start=$(load)
say "timing: $ROUNDS rounds of $per_round runs per command (load $load_start)"
for ((r = 1; r <= ROUNDS; r++)); do
  for i in "${!names[@]}"; do
    for ((k = 0; k < per_round; k++)); do
      start=$(now_us)
      run_one "$i" || true
      end=$(now_us)
      echo $(( (end - start) / 1000 )) >>"$tmp/times.$i"
    done
  done
done
load_end=$(load)

base=$(median <"$tmp/times.1")
{
  echo "| command | median ms | ratio to check --staged |"
  echo "|---|---:|---:|"
  for i in "${!names[@]}"; do
    m=$(median <"$tmp/times.$i")
    echo "| ${names[$i]} | $m | $(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.2f", a / b }') |"
  done
  echo
  echo "$FILES files, $AGENTS agents, $((per_round * ROUNDS)) runs per command in $ROUNDS interleaved rounds; load average $load_start at the start, $load_end at the end ($(nproc) cores)."
} | tee "$tmp/report.md"
if [ -n "$report_file" ]; then
  cp "$tmp/report.md" "$report_file"
fi
