#!/usr/bin/env bash
# Build time of a generated 500-file C# project with and without the ScopeGuard analyzer, side by side.
# Usage: bench/analyzer/build-time.sh [FILES] [RUNS]   (defaults: 500 files, 7 measured runs after WARMUP=3 warm-up runs each)
# Each run is 'dotnet build --no-incremental --no-restore'. By default the compiler server is used, as
# in every 'dotnet build' (the analyzer is loaded and compiled once per server, like any analyzer); the
# server is shut down at the end. COMPILER_SERVER=0 turns it off (UseSharedCompilation=false): every
# build then starts the compiler and loads its analyzers afresh, the worst case. The two
# variants alternate run by run. The "with" variant is an agent's branch with 5 out-of-scope edits in
# warn mode, so the analyzer compares every file and reports; its baseline is written by the first
# build and skipped after (HEAD, index and base unchanged), as in an edit-build loop.
set -euo pipefail
files=${1:-500}
runs=${2:-7}
case "${COMPILER_SERVER:-1}" in 0) shared=false ;; *) shared=true ;; esac
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sg-bench-XXXXXX")
stop_server() { if [ "$shared" = true ]; then dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true; fi; }
trap 'stop_server; if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 NUGET_PACKAGES="$work/packages" DOTNET_CLI_HOME="$work/cli-home"
unset SCOPEGUARD_AGENT

. "$(dirname "$0")/feed.sh"
pack_feed

make_repo() { # $1 = folder, $2 = with|without
  local dir=$1
  mkdir -p "$dir/src/Big"
  write_nuget_config "$dir"
  cat > "$dir/scopes.json" <<'JSON'
{
  "version": 1,
  "settings": { "mode": "warn", "baseBranch": "main" },
  "agents": {
    "billing": {
      "branches": ["agent/billing"],
      "paths": ["src/Big/Billing/"],
      "symbols": { "body": ["N:Big.Shared"], "readonly": ["N:Big.Contracts"] }
    }
  }
}
JSON
  local reference=""
  if [ "$2" = with ]; then
    reference="<ItemGroup><PackageReference Include=\"ScopeGuard.Analyzers\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>"
  fi
  cat > "$dir/src/Big/Big.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><UseSharedCompilation>$shared</UseSharedCompilation></PropertyGroup>
  $reference
</Project>
XML
  local areas=(Billing Shared Contracts Shipping Catalog)
  for ((i = 0; i < files; i++)); do
    local area=${areas[$((i % 5))]}
    mkdir -p "$dir/src/Big/$area"
    cat > "$dir/src/Big/$area/Type$i.cs" <<CS
using System;
using System.Collections.Generic;

namespace Big.$area;

/// <summary>Generated type $i.</summary>
public sealed class Type$i
{
    private readonly List<int> values = new();

    public Type$i(int seed) { values.Add(seed); }

    public int Count => values.Count;

    public string Name { get; set; } = "Type$i";

    public void Add(int value) => values.Add(value);

    public int Sum()
    {
        var total = 0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }

    public IEnumerable<int> Evens()
    {
        foreach (var value in values)
        {
            if (value % 2 == 0)
            {
                yield return value;
            }
        }
    }

    public override string ToString() => \$"{Name}: {Sum()}";
}
CS
  done
  printf 'bin/\nobj/\n' > "$dir/.gitignore"
  (cd "$dir" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@invalid commit -q -m base)
  if [ "$2" = with ]; then
    (cd "$dir" && dotnet new tool-manifest >/dev/null && dotnet tool install scopeguard --version "$version" >/dev/null)
  fi
  (cd "$dir" && git checkout -q -b agent/billing)
  # Five edits on the agent's branch: a body in Shared (allowed), a body in Contracts (SG0002),
  # a signature in Shared (SG0003), a body in Shipping (SG0001), one in Billing (allowed).
  sed -i 's/total += value;/total += value * 2;/' "$dir/src/Big/Shared/Type1.cs" "$dir/src/Big/Contracts/Type2.cs" "$dir/src/Big/Shipping/Type3.cs" "$dir/src/Big/Billing/Type5.cs"
  sed -i 's/public int Sum()/public long Sum()/' "$dir/src/Big/Shared/Type6.cs"
  (cd "$dir/src/Big" && dotnet restore -v:q >/dev/null)
}

echo "generating two $files-file projects..."
make_repo "$work/with" with
make_repo "$work/without" without

build() { # prints "wall cpu" seconds; cpu = user + system time of dotnet and its children (MSBuild, csc)
  local TIMEFORMAT='%R %U %S' t
  t=$( { time (cd "$1/src/Big" && dotnet build --no-incremental --no-restore -nodeReuse:false -v:q -nologo "${@:2}" >"$work/last.log" 2>&1); } 2>&1 ) || { cat "$work/last.log"; exit 1; }
  echo "$t" | tail -1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

# Several warm-up builds: with the compiler server, its first builds also JIT-compile the compiler itself.
echo "warm-up (${WARMUP:-3} builds each)..."
for ((w = 0; w < ${WARMUP:-3}; w++)); do
  build "$work/without" >/dev/null
  build "$work/with" >/dev/null
done
grep -c "warning SG00" "$work/last.log" >/dev/null || { echo "the analyzer reported nothing: it did not run"; cat "$work/last.log"; exit 1; }
warnings=$(grep "warning SG00" "$work/last.log" | sort -u | grep -o "warning SG00[0-9]*" | sort | uniq -c | awk '{printf "%s %s, ", $1, $3}')

with=() without=() with_cpu=() without_cpu=()
for ((r = 1; r <= runs; r++)); do
  read -r wall cpu < <(build "$work/without"); without+=("$wall"); without_cpu+=("$cpu")
  read -r wall cpu < <(build "$work/with"); with+=("$wall"); with_cpu+=("$cpu")
  echo "run $r: without ${without[-1]} s (cpu ${without_cpu[-1]} s), with ${with[-1]} s (cpu ${with_cpu[-1]} s)"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_without=$(median "${without[@]}")
m_with=$(median "${with[@]}")
min_without=$(printf '%s\n' "${without[@]}" | sort -n | head -1)
min_with=$(printf '%s\n' "${with[@]}" | sort -n | head -1)
echo
echo "files: $files, runs: $runs, compiler server: $shared; analyzer findings in the 'with' build: $warnings"
awk -v a="$min_without" -v b="$min_with" 'BEGIN { printf "fastest run: without %.2f s, with %.2f s (%+.1f %%)\n", a, b, (b - a) * 100 / a }'
echo "medians:"
c_without=$(median "${without_cpu[@]}")
c_with=$(median "${with_cpu[@]}")
awk -v a="$c_without" -v b="$c_with" 'BEGIN { printf "cpu time (user+sys) without %.2f s, with %.2f s (%+.1f %%)\n", a, b, (b - a) * 100 / a }'

awk -v a="$m_without" -v b="$m_with" 'BEGIN { printf "without analyzer: %.2f s\nwith analyzer:    %.2f s\nadded:            %+.1f %%\n", a, b, (b - a) * 100 / a }'
# Each run's pair was built back to back, so their difference cancels slow drifts of the machine.
diffs=()
for ((r = 0; r < runs; r++)); do diffs+=("$(awk -v a="${without[$r]}" -v b="${with[$r]}" 'BEGIN { printf "%.3f", b - a }')"); done
m_diff=$(median "${diffs[@]}")
awk -v d="$m_diff" -v a="$m_without" 'BEGIN { printf "median of the paired differences (with - without): %+.3f s (%+.1f %% of the median without)\n", d, d * 100 / a }'

# The compiler's own account of the analyzer's time in one build (csc /reportanalyzer).
build "$work/with" -v:d -p:ReportAnalyzer=true >/dev/null
report=$(grep -E "Total analyzer execution time|ScopeGuard.Analyzers, Version" "$work/last.log" | sed -E 's/ *\(TaskId:[0-9]+\)//; s/^ +//' | tr -s ' ' | paste -sd ';' -)
echo "compiler report (ReportAnalyzer): $report"

# What the first build after a commit, a checkout or a fetch pays: the CLI writing the baseline.
cd "$work/with/src/Big"
out=obj/bench.baseline
seconds() { local start; start=$(date +%s.%N); "$@" >/dev/null; awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
fresh=$(seconds dotnet tool run scopeguard -- baseline --output "$out" --under .)
reuse=$(seconds dotnet tool run scopeguard -- baseline --output "$out" --under . --agent billing)
echo "scopeguard baseline for $files files: $fresh s written anew, $reuse s when only the header changes ($(wc -c <"$out") bytes)"
