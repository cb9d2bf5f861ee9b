#!/usr/bin/env bash
# The IDE's time: a no-op design-time build of a 3-project solution right after 'git status' refreshed
# the index, with and without the ScopeGuard analyzer, as whole processes, side by side.
# Usage: bench/analyzer/design-time.sh [RUNS] [FILES]   (defaults: 21 measured runs of each, 40 C# files per project)
#
# A design-time build is what Visual Studio, C# Dev Kit and Roslyn's MSBuildWorkspace run on loading a
# project and after many edits: the Compile target with DesignTimeBuild=true, BuildingProject=false,
# BuildProjectReferences=false, SkipCompilerExecution=true and ProvideCommandLineArgs=true, so nothing
# is compiled and the targets report the compiler's command line. Each run here is one such
# 'dotnet msbuild APP.slnx' (no node reuse, so each run is a whole process tree), after 'git status' and
# a touch of .git/index (an IDE's git integration refreshes the index all the time). The two variants
# alternate run by run, so load from elsewhere falls on both.
#
# SCENARIO=commit times instead the first design-time build after a commit on the agent's branch: HEAD
# moved, the merge base did not, and the targets must start the CLI once to find that out (the floor
# while the merge base is computed by git, see docs/performance.md).
# REPO=DIR benchmarks the ScopeGuard checkout in DIR instead of this one (e.g. an older commit, for a
# before/after table). WARMUP=2 warm-up runs of each; KEEP_TMP=1 keeps the generated repositories.
set -euo pipefail
runs=${1:-21}
files=${2:-40}
scenario=${SCENARIO:-status}
repo_root=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/sg-bench-dt-XXXXXX")
trap 'if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 NUGET_PACKAGES="$work/packages" DOTNET_CLI_HOME="$work/cli-home"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@invalid
unset SCOPEGUARD_AGENT

. "$(dirname "$0")/feed.sh"
pack_feed

make_repo() { # $1 = folder, $2 = with|without
  local dir=$1 reference=""
  mkdir -p "$dir"
  write_nuget_config "$dir"
  cat > "$dir/scopes.json" <<'JSON'
{
  "version": 1,
  "settings": { "mode": "warn", "baseBranch": "main" },
  "agents": {
    "billing": { "branches": ["agent/billing"], "paths": ["src/Billing/"], "symbols": { "readonly": ["N:Shared.Contracts"] } }
  }
}
JSON
  if [ "$2" = with ]; then
    reference="<ItemGroup><PackageReference Include=\"ScopeGuard.Analyzers\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>"
  fi
  (cd "$dir" && dotnet new sln -n App -v:q >/dev/null)
  local project
  for project in Billing Shared Shipping; do
    mkdir -p "$dir/src/$project"
    cat > "$dir/src/$project/$project.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  $reference
</Project>
XML
    for ((i = 0; i < files; i++)); do
      printf 'namespace %s.Contracts;\n\npublic sealed class Type%d\n{\n    public int Value { get; set; }\n\n    public int Twice() => Value * 2;\n}\n' "$project" "$i" > "$dir/src/$project/Type$i.cs"
    done
  done
  (cd "$dir" && dotnet sln App.sl* add src/Billing/Billing.csproj src/Shared/Shared.csproj src/Shipping/Shipping.csproj >/dev/null)
  printf 'bin/\nobj/\n' > "$dir/.gitignore"
  if [ "$2" = with ]; then
    (cd "$dir" && dotnet new tool-manifest >/dev/null && dotnet tool install scopeguard --version "$version" >/dev/null)
  fi
  (cd "$dir" && git init -q -b main && git add -A && git commit -q -m base && git checkout -q -b agent/billing)
  sed -i 's/Value \* 2/Value * 3/' "$dir/src/Shared/Type1.cs"   # an out-of-scope edit in the working tree
  (cd "$dir" && dotnet restore App.sl* -v:q >/dev/null && dotnet build App.sl* -v:q -nologo -nodeReuse:false >/dev/null)
}

echo "generating two 3-project solutions ($files files per project)..."
make_repo "$work/with" with
make_repo "$work/without" without
solution() { ls "$1"/App.sl* | head -1; }

designtime=(-t:Compile -p:DesignTimeBuild=true -p:BuildingProject=false -p:BuildProjectReferences=false
  -p:SkipCompilerExecution=true -p:ProvideCommandLineArgs=true -nodeReuse:false -nologo -v:q)

prepare() { # what happened in the IDE just before the design-time build
  if [ "$scenario" = commit ]; then
    echo "// $RANDOM" >> "$1/src/Billing/Type0.cs"
    git -C "$1" commit -q -am "agent work"
  else
    git -C "$1" status --porcelain >/dev/null
    touch "$1/.git/index"
  fi
}

run() { # prints wall seconds of one design-time build of the solution
  local start end
  prepare "$1"
  start=$(date +%s.%N)
  dotnet msbuild "$(solution "$1")" "${designtime[@]}" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

stamp() { stat -c %Y.%y "$1" 2>/dev/null || echo none; }
echo "warm-up (${WARMUP:-2} runs each)..."
for ((w = 0; w < ${WARMUP:-2}; w++)); do run "$work/without" >/dev/null; run "$work/with" >/dev/null; done

# Proof that the 'with' variant does what it should: the analyzer is wired (its baseline exists) and,
# after an index refresh, the CLI is not started (the stamp it leaves is not touched).
shared_dir="$work/with/.git/scopeguard/analyzer"
legacy=$(find "$work/with/src" -path '*/obj/*/scopeguard/baseline.stamp' | head -1)
stamp_file="$shared_dir/baseline.stamp"; [ -f "$stamp_file" ] || stamp_file=$legacy
[ -n "$stamp_file" ] && [ -f "$stamp_file" ] || { echo "no baseline stamp: the analyzer's targets did not run"; exit 1; }
before=$(stamp "$stamp_file")

with=() without=()
for ((r = 1; r <= runs; r++)); do
  without+=("$(run "$work/without")")
  with+=("$(run "$work/with")")
  echo "run $r: without ${without[-1]} s, with ${with[-1]} s"
done
cli_started=yes; [ "$(stamp "$stamp_file")" = "$before" ] && cli_started=no

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_without=$(median "${without[@]}")
m_with=$(median "${with[@]}")
diffs=()
for ((r = 0; r < runs; r++)); do diffs+=("$(awk -v a="${without[$r]}" -v b="${with[$r]}" 'BEGIN { printf "%.3f", b - a }')"); done
m_diff=$(median "${diffs[@]}")
echo
echo "scenario: $scenario; 3 projects x $files files; $runs runs each, alternating; package $version; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CLI started during the measured 'with' runs: $cli_started"
awk -v a="$m_without" -v b="$m_with" -v d="$m_diff" 'BEGIN {
  printf "| design-time build (dotnet msbuild -t:Compile) | median (s) |\n| --- | ---: |\n"
  printf "| without the analyzer | %.3f |\n| with the analyzer | %.3f |\n", a, b
  printf "ratio with / without: %.3f (%+.1f %%); median of paired differences %+.3f s\n", b / a, (b - a) * 100 / a, d }'
