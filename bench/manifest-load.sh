#!/usr/bin/env bash
# Whole-process benchmark of manifest validation: `scopeguard lint --manifest FILE` on generated
# manifests of 800 and 8,000 agents (issue 11, item 16: 8,000 must load within 20x the time of 800).
#
#   bench/manifest-load.sh [RUNS]
#
# Publishes the CLI ReadyToRun (framework-dependent) into a temporary folder, writes the two manifests
# there (each agent: a literal branch and a wildcard below it, two paths, a deny and a symbol rule, the
# shape of bench/ScopeGuard.Benchmarks/ManifestLoadBenchmarks.cs), checks that lint accepts both, then
# times RUNS runs of each (default 21), alternating, and prints the medians and their ratio.
# The in-process figure is ManifestLoadBenchmarks (BenchmarkDotNet); this one includes process start.
set -euo pipefail
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE SCOPEGUARD_AGENT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 LC_ALL=C

RUNS=${1:-21}
root=$(cd "$(dirname "$0")/.." && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scopeguard-manifest-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "bench/manifest-load.sh: unknown machine '$(uname -m)'" >&2; exit 2 ;;
esac

echo "bench: publishing the CLI into $tmp" >&2
dotnet publish "$root/src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$tmp/cli" --artifacts-path "$tmp/artifacts" -nologo -v:q -clp:ErrorsOnly >"$tmp/publish.log" 2>&1 \
  || { cat "$tmp/publish.log" >&2; exit 1; }
sg=$tmp/cli/scopeguard

manifest() { # agents file
  awk -v n="$1" 'BEGIN {
    print "{\n  \"version\": 1,\n  \"agents\": {"
    for (i = 0; i < n; i++) {
      a = "agent" i
      printf "    \"%s\": { \"branches\": [\"agent/%s\", \"agent/%s/*\"], \"paths\": [\"src/%s/\", \"tests/%s/\"], \"deny\": [\"src/%s/Generated/\"], \"symbols\": { \"edit\": [\"N:Contoso.%s\"] } }%s\n", a, a, a, a, a, a, a, (i < n - 1 ? "," : "")
    }
    print "  }\n}"
  }' >"$2"
}

manifest 800 "$tmp/800.json"
manifest 8000 "$tmp/8000.json"
# Each agent's "agent/N" beside "agent/N/*" is a pair git cannot hold at once: lint accepts the manifest
# and warns (SG0103) once per agent on stderr. The shape is kept so the figures stay comparable with
# earlier runs; the warnings' cost is in the timings, their text is discarded.
# lint exits 1 when it reports anything (since issue 13); 2 would be an invalid manifest.
for n in 800 8000; do
  { "$sg" lint --manifest "$tmp/$n.json" 2>"$tmp/$n.warnings" || [ $? -eq 1 ]; } | cut -c1-60 >&2
  echo "  $(grep -c 'warning SG0103' "$tmp/$n.warnings") SG0103 warning(s)" >&2
done

now() { date +%s%N; }
declare -A times
for ((r = 0; r < RUNS; r++)); do
  for n in 800 8000; do
    start=$(now)
    "$sg" lint --manifest "$tmp/$n.json" >/dev/null 2>&1 || true
    times[$n]+="$(( ($(now) - start) / 1000 )) "
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000 }'; }
m800=$(echo "${times[800]}" | median)
m8000=$(echo "${times[8000]}" | median)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| agents | scopeguard lint --manifest FILE, median (ms) | runs |"
echo "| ---: | ---: | ---: |"
echo "| 800 | $m800 | $RUNS |"
echo "| 8,000 | $m8000 | $RUNS |"
awk -v a="$m800" -v b="$m8000" 'BEGIN { printf "ratio 8,000 / 800: %.1f\n", b / a }'
