#!/usr/bin/env bash
# Whole-process benchmark of `scopeguard impact`, next to a warm `dotnet build --no-restore` of the
# same solution (the floor a user compares it with).
#
#   bench/impact.sh [REPORT.md]
#
# Two solutions, each with a 10-file change on a branch agent/bench:
#   own   ScopeGuard.sln itself, in a shared clone of this repository's HEAD (base: bench-base there);
#         10 files of src/ScopeGuard.Core each get a required first parameter on their first
#         `public static` method (a breaking change whose call sites span Core, Git, Cli and the tests)
#   gen   a generated solution of 50 projects x 100 files (5,000 .cs files): P00 is a library owned by
#         agent core, P01..P49 consume it (owned by agent apps); 10 files of P00 get a required
#         parameter on their method, called from 49 consumer files each
# For each it records, RUNS times: the warm build of the base (after one untimed build; the head's
# breaking change does not compile), and the whole impact
# process with its peak resident memory (/usr/bin/time) and the open and analysis times the CLI
# prints. MSBuildWorkspace's open time is the floor of the load: the design-time build of every
# project, which the impact command cannot skip.
#
# Environment: RUNS=3, KEEP_TMP=1 keeps the temporary folder, TOOL=path/to/scopeguard.dll uses that
# build instead of publishing one. The repository is only read.
. "$(dirname "$0")/lib.sh"
export MSBUILDDISABLENODEREUSE=1

RUNS=${RUNS:-3}
report_file=$(bench_report_path "${1:-}")

bench_tmp impact
now() { date +%s.%N; }

if [ -n "${TOOL:-}" ]; then
  tool_dll=$TOOL
else
  say "publishing the CLI"
  bench_publish "$root/src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" "$tmp/tool"
  tool_dll="$tmp/tool/scopeguard.dll"
fi
tool=("dotnet" "$tool_dll")

# measure NAME DIR SOLUTION AGENT BASE: warm builds and impact runs; appends a row to $tmp/rows.
# The warm build is of the base, which compiles: the head's change breaks its callers, and a project
# that fails is never up to date, so a "warm" build of the head would compile again every time. After
# an untimed first build, each timed build finds everything up to date, as a user's warm build does.
measure() {
  local name=$1 dir=$2 sln=$3
  say "$name: restore and a first build of the base ($5)"
  (cd "$dir" && git checkout -q "$5" && dotnet restore "$sln" >/dev/null && dotnet build "$sln" --no-restore -c Release >"$tmp/$name.first-build" 2>&1) \
    || { tail -n 20 "$tmp/$name.first-build" >&2; say "$name: the base does not build"; exit 1; }
  : > "$tmp/$name.build" ; : > "$tmp/$name.impact"; : > "$tmp/$name.open"; : > "$tmp/$name.analysis"; : > "$tmp/$name.rss"
  local t0 t1 i
  for i in $(seq "$RUNS"); do
    say "$name: warm build $i of $RUNS (load $(load))"
    t0=$(now); (cd "$dir" && dotnet build "$sln" --no-restore -c Release >/dev/null 2>&1) || { say "$name: the warm build failed"; exit 1; }; t1=$(now)
    echo "$t1 - $t0" | bc >> "$tmp/$name.build"
  done
  (cd "$dir" && git checkout -q agent/bench)
  for i in $(seq "$RUNS"); do
    say "$name: impact $i of $RUNS (load $(load))"
    t0=$(now)
    (cd "$dir" && /usr/bin/time -f "%M" -o "$tmp/rss.txt" "${tool[@]}" impact --base "$5" --agent "$4" --solution "$sln" --format json >"$tmp/$name.json" 2>"$tmp/$name.err" || true)
    t1=$(now)
    echo "$t1 - $t0" | bc >> "$tmp/$name.impact"
    tail -n 1 "$tmp/rss.txt" | awk '{printf "%.0f\n", $1/1024}' >> "$tmp/$name.rss"
    sed -n 's/^scopeguard: loaded .*project(s) in \([0-9.]*\) s$/\1/p' "$tmp/$name.err" >> "$tmp/$name.open"
    sed -n 's/^scopeguard: analyzed .* in \([0-9.]*\) s$/\1/p' "$tmp/$name.err" >> "$tmp/$name.analysis"
  done
  local findings
  findings=$(grep -o '"id": *"SG0010"' "$tmp/$name.json" | wc -l)
  local b i o a r
  b=$(median 1 %.2f <"$tmp/$name.build"); i=$(median 1 %.2f <"$tmp/$name.impact"); o=$(median 1 %.2f <"$tmp/$name.open"); a=$(median 1 %.2f <"$tmp/$name.analysis"); r=$(median 1 %.2f <"$tmp/$name.rss")
  printf '| %s | %s | %.1f | %.1f | %.1f | %.1f | %s | %.2f |\n' "$name" "$findings" "$b" "$i" "$o" "$a" "$r" "$(echo "$i / $b" | bc -l)" >> "$tmp/rows"
}

# --- own: ScopeGuard.sln at HEAD, with 10 Core files changed --------------------------------------
say "own: a clone of HEAD (shares the object store; this repository's refs are never touched)"
git clone --quiet --shared "$root" "$tmp/own"
(
  cd "$tmp/own"
  git branch bench-base HEAD
  git checkout -q -b agent/bench
  n=0
  for f in $(grep -lE 'public static [][A-Za-z<>?,. ]+ [A-Za-z]+\(' src/ScopeGuard.Core/*/*.cs | xargs grep -L '(this ' | sort | head -n 10); do
    perl -0pi -e 's/(public static [A-Za-z<>?,. \[\]]+? [A-Za-z]+)\(/$1(int impactBench, /' "$f"
    n=$((n + 1))
  done
  git -c user.name=bench -c user.email=bench@scopeguard.invalid commit -q -am "bench: $n signatures changed"
)
own_manifest='{ "version": 1, "agents": { "core": { "branches": ["agent/bench"], "paths": ["src/ScopeGuard.Core/"] }, "others": { "paths": ["src/", "tests/", "bench/"] } } }'
printf '%s\n' "$own_manifest" > "$tmp/own-scopes.json"

# --- gen: 50 projects x 100 files ------------------------------------------------------------------
say "gen: generating 50 projects of 100 files"
mkdir -p "$tmp/gen"
python3 - "$tmp/gen" <<'PY'
import os, sys
root = sys.argv[1]
def write(path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
write("Directory.Build.props", "<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>disable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup></Project>\n")
write(".gitignore", "bin/\nobj/\n")
projects = []
for p in range(50):
    name = f"P{p:02d}"
    refs = "" if p == 0 else '<ItemGroup><ProjectReference Include="../P00/P00.csproj" /></ItemGroup>'
    write(f"src/{name}/{name}.csproj", f'<Project Sdk="Microsoft.NET.Sdk">{refs}</Project>\n')
    projects.append(f"src/{name}/{name}.csproj")
    for i in range(100):
        if p == 0:
            body = f"namespace P00;\n\npublic class C{i:03d}\n{{\n    public int M(int a) => a + {i};\n\n    public string N() => \"{i}\";\n}}\n"
        else:
            body = f"namespace {name};\n\npublic class U{i:03d}\n{{\n    public int Run() => new P00.C{i:03d}().M({p}) + new P00.C{(i + 1) % 100:03d}().N().Length;\n}}\n"
        write(f"src/{name}/F{i:03d}.cs", body)
write("Gen.slnx", "<Solution>\n" + "".join(f'  <Project Path="{p}" />\n' for p in projects) + "</Solution>\n")
write("scopes.json", '{ "version": 1, "agents": { "core": { "branches": ["agent/bench"], "paths": ["src/P00/"] }, "apps": { "paths": ["src/"] } } }\n')
PY
(
  cd "$tmp/gen"
  git init -q -b main
  git -c user.name=bench -c user.email=bench@scopeguard.invalid add -A
  git -c user.name=bench -c user.email=bench@scopeguard.invalid commit -qm "generated"
  git checkout -q -b agent/bench
  for i in $(seq 0 9); do
    f=$(printf 'src/P00/F%03d.cs' "$i")
    sed -i 's/public int M(int a)/public int M(int a, int b)/' "$f"
  done
  git -c user.name=bench -c user.email=bench@scopeguard.invalid commit -qam "bench: 10 signatures changed"
)

echo "| solution | SG0010 findings | warm dotnet build --no-restore (s) | impact, whole process (s) | of which: open (s) | of which: analysis (s) | impact peak RSS (MiB) | impact / build |" > "$tmp/rows"
echo "|---|---|---|---|---|---|---|---|" >> "$tmp/rows"
load_start=$(load)
# The own solution is judged by a bench manifest given with --manifest (its scopes.json has no agent
# for Core alone): a wrapper puts it after the command name.
measure_own() {
  local saved=("${tool[@]}")
  printf '#!/usr/bin/env bash\nexec dotnet %q "$1" --manifest %q "${@:2}"\n' "$tool_dll" "$tmp/own-scopes.json" > "$tmp/sg-own.sh"
  chmod +x "$tmp/sg-own.sh"
  tool=("$tmp/sg-own.sh")
  measure own "$tmp/own" ScopeGuard.sln core bench-base
  tool=("${saved[@]}")
}
measure_own
measure gen "$tmp/gen" Gen.slnx core main
load_end=$(load)

{
  echo "Measured $(date -u +%Y-%m-%d), $(nproc) cores, RUNS=$RUNS, medians; load average $load_start at the start, $load_end at the end."
  echo
  cat "$tmp/rows"
} | tee ${report_file:+"$report_file"}
