#!/usr/bin/env bash
# Whole-process benchmark of `scopeguard lint` (issue 13): a manifest of 100 agents on a repository of
# 50,000 files at HEAD must lint within 2 s. Side by side, as a yardstick for the same machine at the
# same moment: `git ls-files` in the same repository (what listing the files costs git itself).
#
#   bench/lint.sh [RUNS]
#
# Publishes the CLI ReadyToRun (framework-dependent) into a temporary folder, makes a repository there
# with 50,000 files (100 modules under src/ and tests/, 250 files each, plus docs), commits them with
# one `git commit` (no hooks installed), and writes a 100-agent scopes.json: each agent its module's
# src/ and tests/ folders, a deny of its Generated/ folder and a doc page from settings.defaults
# ({agent}); a "tests" agent on /tests/ (sharedWith every module agent), a "docs" agent on /docs/ and
# *.md (overlapping the modules' README.md files: SG0100 is reported, exit 1), and a "build" agent on
# **/*.csproj (overlapping every module). Then RUNS alternating runs (default 11) of lint and of
# git ls-files, and the medians.
. "$(dirname "$0")/lib.sh"

RUNS=${1:-11}
bench_tmp lint-bench
bench_rid bench/lint.sh

say "publishing the CLI into $tmp"
bench_publish_cli -r "$RID" --self-contained false

repo=$tmp/repo
bench_git_init "$repo"
echo "bench: writing 50,000 files" >&2
(
  cd "$repo"
  for ((m = 0; m < 100; m++)); do
    mkdir -p "src/Module$m/Generated" "src/Module$m/Api" "tests/Module$m.Tests"
    for ((f = 0; f < 240; f++)); do echo "// $m $f" >"src/Module$m/File$f.cs"; done
    for ((f = 0; f < 10; f++)); do echo "// $m $f" >"src/Module$m/Generated/Gen$f.cs"; done
    for ((f = 0; f < 48; f++)); do echo "// $m $f" >"src/Module$m/Api/Api$f.cs"; done
    echo "# Module $m" >"src/Module$m/README.md"
    echo "<Project />" >"src/Module$m/Module$m.csproj"
    for ((f = 0; f < 199; f++)); do echo "// $m $f" >"tests/Module$m.Tests/Test$f.cs"; done
    echo "<Project />" >"tests/Module$m.Tests/Module$m.Tests.csproj"
  done
  mkdir -p docs/agents
  for ((f = 0; f < 100; f++)); do echo "# $f" >"docs/page$f.md"; done
  echo "# readme" >README.md
)
awk 'BEGIN {
  print "{\n  \"version\": 1,\n  \"settings\": { \"defaults\": { \"paths\": [\"/docs/agents/{agent}.md\"] } },\n  \"agents\": {"
  shared = ""
  for (m = 0; m < 97; m++) {
    a = "module" m
    printf "    \"%s\": { \"branches\": [\"agent/%s\"], \"paths\": [\"/src/Module%d/\", \"/tests/Module%d.Tests/\"], \"deny\": [\"/src/Module%d/Generated/\"] },\n", a, a, m, m, m
    shared = shared (m ? ", " : "") "\"" a "\""
  }
  printf "    \"tests\": { \"branches\": [\"agent/tests\"], \"paths\": [\"/tests/\"], \"sharedWith\": [%s] },\n", shared
  printf "    \"docs\": { \"branches\": [\"agent/docs\"], \"paths\": [\"/docs/\", \"*.md\"], \"sharedWith\": [\"tests\"] },\n"
  printf "    \"build\": { \"branches\": [\"agent/build\"], \"paths\": [\"**/*.csproj\"], \"sharedWith\": [\"tests\", \"docs\"] }\n"
  print "  }\n}"
}' >"$repo/scopes.json"
git -C "$repo" add -A
git -C "$repo" commit -q -m "50,000 files"
echo "bench: $(git -C "$repo" ls-files | wc -l) files at HEAD, $(grep -c '"branches"' "$repo/scopes.json") agents" >&2

# One run to show what lint reports (exit 1: the overlaps the manifest holds on purpose are reported).
set +e
(cd "$repo" && "$sg" lint) >"$tmp/lint.out" 2>"$tmp/lint.err"
code=$?
set -e
[ "$code" -eq 1 ] || { echo "bench/lint.sh: lint exited $code, expected 1" >&2; cat "$tmp/lint.out" "$tmp/lint.err" >&2; exit 1; }
cat "$tmp/lint.out" >&2
echo "  $(grep -c 'SG0100' "$tmp/lint.err") SG0100 finding(s), $(wc -l <"$tmp/lint.err") line(s) on stderr; first:" >&2
head -c 600 "$tmp/lint.err" >&2; echo >&2

# CPU time of one run (user + system), which the machine's load does not inflate as much as wall time.
/usr/bin/time -f "one lint run: wall %e s, user %U s, system %S s" -o "$tmp/cpu" bash -c "cd '$repo' && '$sg' lint >/dev/null 2>&1 || true"
cat "$tmp/cpu" >&2

now() { date +%s%N; }
lint_times="" git_times=""
for ((r = 0; r < RUNS; r++)); do
  start=$(now); (cd "$repo" && "$sg" lint >/dev/null 2>&1 || true); lint_times+="$(( ($(now) - start) / 1000 )) "
  start=$(now); git -C "$repo" ls-files >/dev/null; git_times+="$(( ($(now) - start) / 1000 )) "
done

ml=$(echo "$lint_times" | median 1000)
mg=$(echo "$git_times" | median 1000)
echo "load average: $(load)"
echo "| command | median (ms) | runs |"
echo "| --- | ---: | ---: |"
echo "| scopeguard lint (100 agents, 50,000 files) | $ml | $RUNS |"
echo "| git ls-files (same repository) | $mg | $RUNS |"
awk -v a="$ml" -v b="$mg" 'BEGIN { printf "ratio lint / git ls-files: %.1f\n", a / b }'
