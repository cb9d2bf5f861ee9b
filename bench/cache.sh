#!/usr/bin/env bash
# Whole-process benchmark of the declaration cache on a realistic range, next to git on the same range.
#
#   bench/cache.sh [FILES] [REPORT.md]
#
# Publishes the CLI (ReadyToRun, framework-dependent) into a temporary folder and generates a repository
# of FILES (default 2,000) C# files of 10-30 KB each with the shape of real code (file-scoped and block
# namespaces, nested types, XML docs, #region and #if DEBUG blocks, long methods). On agent/bench every
# file changes in 1-3 hunks, about 20 lines in all, inside method bodies. The agent's manifest has a
# body rule on N:Bench, whose name every file contains, so every changed file is read and parsed on
# both sides (and every change is allowed: each check exits 0). It then times, interleaved, side by side:
#   - git diff main...HEAD (the full patch)
#   - scopeguard check --base main --no-cache          (cold: no cache read or written)
#   - scopeguard check --base main, cache emptied first (fill: parses both sides, writes every entry)
#   - scopeguard check --base main, cache full          (warm: both sides of every file from the cache)
# and the peak resident memory of each check (/usr/bin/time, when present). Prints a Markdown table of
# medians and ratios to git diff and the cache's size; with REPORT.md, also writes it there.
#
# Environment: RUNS=5 timed runs of each, KEEP_TMP=1 keeps the temporary folder.
# The ScopeGuard repository is only read.
. "$(dirname "$0")/lib.sh"
unset SCOPEGUARD_CACHE_STATS

FILES=${1:-2000}
report_file=$(bench_report_path "${2:-}")
RUNS=${RUNS:-5}

bench_tmp cache

if [ -n "${SCOPEGUARD_BENCH_CLI:-}" ]; then
  sg=$SCOPEGUARD_BENCH_CLI # an already published CLI (a folder's scopeguard)
else
  say "publishing into $tmp"
  dotnet publish "$root/src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" -c Release -p:PublishReadyToRun=true -o "$tmp/cli" \
    --artifacts-path "$tmp/artifacts" -nologo -v:q -clp:ErrorsOnly >"$tmp/publish.log" 2>&1 \
    || { cat "$tmp/publish.log" >&2; exit 1; }
  sg=$tmp/cli/scopeguard
fi

repo=$tmp/repo
g() { git -C "$repo" "$@"; }
bench_git_init "$repo"

say "generating $FILES C# files of 10-30 KB"
# One awk run writes every file: each file i has 3-9 classes (seeded by i), each with a nested type, a
# region, an #if DEBUG block, XML docs and long methods of 25 statement lines.
awk -v files="$FILES" -v repo="$repo" 'BEGIN {
  for (i = 1; i <= files; i++) {
    srand(i)
    module = "M" (i % 20)
    path = repo "/src/" module "/File" i ".cs"
    if (i <= 20) system("mkdir -p " repo "/src/" module)
    classes = 2 + int(rand() * 4)
    block = (i % 3 == 0)
    printf "// <copyright file=\"File%d.cs\">Generated for the benchmark.</copyright>\nusing System;\nusing System.Collections.Generic;\nusing System.Linq;\n\n", i > path
    if (block) printf "namespace Bench.%s.Part%d\n{\n", module, i > path
    else printf "namespace Bench.%s.Part%d;\n\n", module, i > path
    ind = block ? "    " : ""
    for (c = 0; c < classes; c++) {
      printf "%s/// <summary>\n%s/// Type %d of file %d: holds the state the handlers below update.\n%s/// </summary>\n", ind, ind, c, i, ind > path
      printf "%spublic sealed partial class Type%d_%d : IDisposable\n%s{\n", ind, i, c, ind > path
      printf "%s    private readonly List<int> values = new();\n\n", ind > path
      printf "%s    #region Nested\n%s    /// <summary>A nested helper.</summary>\n%s    public sealed class Nested%d\n%s    {\n%s        public int Value { get; set; }\n%s    }\n%s    #endregion\n\n", ind, ind, ind, c, ind, ind, ind, ind > path
      methods = 2 + int(rand() * 3)
      for (m = 0; m < methods; m++) {
        printf "%s    /// <summary>Handles case %d.</summary>\n%s    /// <param name=\"input\">The input.</param>\n%s    /// <returns>The result.</returns>\n", ind, m, ind, ind > path
        printf "%s    public int Handle%d(int input)\n%s    {\n", ind, m, ind > path
        for (s = 0; s < 25; s++) printf "%s        var v%d = input * %d + values.Count; // step %d\n", ind, s, (i + c + m + s) % 97, s > path
        printf "#if DEBUG\n%s        Console.WriteLine(v0);\n#endif\n", ind > path
        printf "%s        return v0 + v24;\n%s    }\n\n", ind, ind > path
      }
      printf "%s    public void Dispose() => values.Clear();\n%s}\n\n", ind, ind > path
    }
    if (block) printf "}\n" > path
    close(path)
  }
}'
cat >"$repo/scopes.json" <<'JSON'
{
  "version": 1,
  "settings": { "protectedPaths": ["/scopes.json"], "protectedBranches": ["main"] },
  "agents": {
    "bench": { "branches": ["agent/bench"], "paths": ["/src/"], "symbols": { "body": ["N:Bench"] } }
  }
}
JSON
g add -A
g commit -q -m "Generated repository"
g gc -q

say "editing every file: 1-3 hunks, about 20 statement lines"
g checkout -q -b agent/bench
find "$repo/src" -name '*.cs' | sort >"$tmp/files"
awk -v list="$tmp/files" 'BEGIN {
  n = 0
  while ((getline f < list) > 0) {
    n++; srand(100000 + n)
    lines = 0; statements = 0
    while ((getline line < f) > 0) { text[++lines] = line; if (line ~ /var v[0-9]+ = input/) stmt[++statements] = lines }
    close(f)
    hunks = 1 + int(rand() * 3); per = int(20 / hunks)
    for (h = 0; h < hunks; h++) {
      start = 1 + int(rand() * (statements - per))
      for (k = 0; k < per; k++) sub(/input \* [0-9]+/, "input * " (100 + h * 31 + k), text[stmt[start + k]])
    }
    for (l = 1; l <= lines; l++) print text[l] > f
    close(f)
    delete text; delete stmt
  }
}'
g add -A
g commit -q -m "Bench: body edits in every file"

changed=$(g diff --name-only main...HEAD | wc -l)
bytes=$(g ls-tree -r -l HEAD src | awk '{ s += $4 } END { print s }')
lines=$(g diff --numstat main...HEAD | awk '{ s += $1 } END { print s }')
say "range: $changed files, $((bytes / changed / 1024)) KB on average, $lines changed lines"
cd "$repo"
cache=$repo/.git/scopeguard/cache
"$sg" check --base main --no-cache >/dev/null || { say "the check is not clean"; exit 1; }

now() { date +%s%N; }
peak() { # command... -> peak RSS in MB (or -)
  if [ -x /usr/bin/time ]; then /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%d", $1 / 1024 }'; else echo -; fi
}
declare -A times mem
labels=("git diff main...HEAD (full patch)" "check --base main --no-cache (cold)" "check --base main (cache fill, from empty)" "check --base main (warm cache)")
run() { # index
  case $1 in
    0) git -C "$repo" diff main...HEAD >/dev/null ;;
    1) "$sg" check --base main --no-cache >/dev/null ;;
    2) rm -rf "$cache"; "$sg" check --base main >/dev/null ;;
    3) "$sg" check --base main >/dev/null ;;
  esac
}
load_start=$(load)
for ((r = 0; r < RUNS; r++)); do
  for i in 0 1 2 3; do
    start=$(now); run "$i"; times[$i]+="$(( ($(now) - start) / 1000000 )) "
  done
done
load_end=$(load)
rm -rf "$cache"
mem[1]=$(peak "$sg" check --base main --no-cache)
mem[2]=$(peak "$sg" check --base main)
mem[3]=$(peak "$sg" check --base main)
stats=$("$sg" check --base main --cache-stats 2>&1 >/dev/null | tail -n 1)
entries=$(find "$cache" -type f ! -name last-trim | wc -l)
size=$(du -sk "$cache" | cut -f1)

git_ms=$(echo "${times[0]}" | median)
{
  echo "Range: $changed files, $((bytes / changed / 1024)) KB on average, $lines changed lines; $RUNS interleaved runs; load average $load_start at the start, $load_end at the end."
  echo
  echo "| command | median ms | vs git diff | peak RSS MB |"
  echo "|---|---:|---:|---:|"
  for i in 0 1 2 3; do
    ms=$(echo "${times[$i]}" | median)
    echo "| \`${labels[$i]}\` | $ms | $(awk -v a="$ms" -v b="$git_ms" 'BEGIN { printf "%.2fx", a / b }') | ${mem[$i]:--} |"
  done
  echo
  echo "Cache: $entries entries, $((size / 1024)) MiB on disk ($((size * 1024 / (entries > 0 ? entries : 1))) bytes per entry with the file system's blocks). Warm run: $stats"
} | tee "${report_file:-/dev/null}"
