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
. "$(dirname "$0")/lib.sh"

RUNS=${1:-21}
bench_tmp manifest-bench
bench_rid bench/manifest-load.sh

say "publishing the CLI into $tmp"
bench_publish_cli -r "$RID" --self-contained false

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

m800=$(echo "${times[800]}" | median 1000)
m8000=$(echo "${times[8000]}" | median 1000)
echo "load average: $(load)"
echo "| agents | scopeguard lint --manifest FILE, median (ms) | runs |"
echo "| ---: | ---: | ---: |"
echo "| 800 | $m800 | $RUNS |"
echo "| 8,000 | $m8000 | $RUNS |"
awk -v a="$m800" -v b="$m8000" 'BEGIN { printf "ratio 8,000 / 800: %.1f\n", b / a }'
