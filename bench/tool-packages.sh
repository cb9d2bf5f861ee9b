#!/usr/bin/env bash
# Start-up of the installed tool: the IL package against this platform's ReadyToRun package, each
# installed with `dotnet tool install --tool-path` from locally packed packages, side by side.
#
#   bench/tool-packages.sh [REPORT.md]
#
# Packs the IL package (plain dotnet pack) and the RID-specific packages for this machine's RID only
# (dotnet pack -p:ScopeGuardRidPackages=true -p:ToolPackageRuntimeIdentifiers=RID: the pointer package
# and scopeguard.RID), installs each into its own folder, makes a small repository with a 10-file staged
# commit (path rules only, and a symbol rule that parses one file), and times, interleaved:
#   scopeguard --version, scopeguard check --staged (path rules), scopeguard check --staged (one file parsed)
# for both installs. Prints a Markdown table of medians and the IL/R2R ratios.
#
# Environment: RUNS=15 timed runs of each; IL_FEED and R2R_FEED: folders that already hold the packages
# (skips packing); KEEP_TMP=1 keeps the temporary folder. The ScopeGuard repository is only read.
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-15}
report_file=$(bench_report_path "${1:-}")
bench_tmp tool-packages
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64) rid=linux-arm64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  *) say "no ReadyToRun package is built for $(uname -s)-$(uname -m)"; exit 2 ;;
esac

il_feed=${IL_FEED:-$tmp/il}
r2r_feed=${R2R_FEED:-$tmp/r2r}
if [ -z "${IL_FEED:-}" ]; then
  say "packing the IL package"
  dotnet pack "$root/src/ScopeGuard.Cli" -c Release -o "$il_feed" -nologo -v:q >"$tmp/pack-il.log" 2>&1 || { cat "$tmp/pack-il.log" >&2; exit 1; }
fi
if [ -z "${R2R_FEED:-}" ]; then
  say "packing the $rid ReadyToRun package"
  dotnet pack "$root/src/ScopeGuard.Cli" -c Release -p:ScopeGuardRidPackages=true -p:ToolPackageRuntimeIdentifiers="$rid" \
    -o "$r2r_feed" -nologo -v:q >"$tmp/pack-r2r.log" 2>&1 || { cat "$tmp/pack-r2r.log" >&2; exit 1; }
fi

version() { # feed -> the pointer package's version
  find "$1" -maxdepth 1 -name 'scopeguard.[0-9]*.nupkg' | sed 's#.*/scopeguard\.\(.*\)\.nupkg#\1#' | sort | tail -n 1
}
install() { # feed folder
  dotnet tool install scopeguard --tool-path "$2" --add-source "$1" --version "$(version "$1")" \
    --configfile "$tmp/nuget.config" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; exit 1; }
}
# Only the local feeds: the packages under test, never a registry's.
printf '<configuration><packageSources><clear /></packageSources></configuration>\n' >"$tmp/nuget.config"
export NUGET_PACKAGES=$tmp/packages
install "$il_feed" "$tmp/tool-il"
install "$r2r_feed" "$tmp/tool-r2r"
il=$tmp/tool-il/scopeguard
r2r=$tmp/tool-r2r/scopeguard
[ "$($il --version)" = "$($r2r --version)" ] || say "the two installs are different builds: $($il --version) / $($r2r --version)"
find "$tmp/tool-r2r" -name 'ScopeGuard.Core.dll' -size +800k | grep -q . || { say "the $rid install is not ReadyToRun"; exit 1; }

repo=$tmp/repo
g() { git -C "$repo" "$@"; }
mkdir -p "$repo/src/Billing" "$repo/src/Shared"
bench_git_init "$repo"
for i in $(seq 1 10); do
  printf 'namespace Contoso.Billing;\n\npublic sealed class Item%d\n{\n    public int Total() => %d;\n}\n' "$i" "$i" >"$repo/src/Billing/Item$i.cs"
done
printf 'namespace Contoso.Shared;\n\npublic sealed class Clock\n{\n    public long Now() => 1;\n}\n' >"$repo/src/Shared/Clock.cs"
cat >"$repo/scopes.json" <<'JSON'
{ "version": 1, "settings": { "protectedPaths": ["/scopes.json"] },
  "agents": {
    "billing": { "branches": ["agent/billing"], "paths": ["/src/Billing/"] },
    "clock": { "branches": ["agent/clock"], "paths": ["/src/"], "symbols": { "body": ["T:Contoso.Shared.Clock"] } } } }
JSON
g add -A
g commit -q -m base
g checkout -q -b agent/billing
for i in $(seq 1 10); do sed -i "s/=> $i;/=> $((i + 100));/" "$repo/src/Billing/Item$i.cs"; done
sed -i 's/=> 1;/=> 2;/' "$repo/src/Shared/Clock.cs"
g add -A
cd "$repo"

now() { date +%s%N; }
labels=("scopeguard --version" "check --staged (10 files, path rules)" "check --staged --agent clock (one file parsed)")
run() { # tool index
  case $2 in
    0) "$1" --version ;;
    1) "$1" check --staged --agent billing --no-cache ;;
    2) "$1" check --staged --agent clock --no-cache ;;
  esac >/dev/null 2>&1 || true
}
declare -A times
for tool in "$il" "$r2r"; do for i in 0 1 2; do run "$tool" "$i"; done; done # warm the file cache
load_start=$(load)
for ((r = 0; r < RUNS; r++)); do
  for i in 0 1 2; do
    for t in il r2r; do
      tool=$il; [ "$t" = r2r ] && tool=$r2r
      start=$(now); run "$tool" "$i"; times[$t$i]+="$(( ($(now) - start) / 100000 )) "
    done
  done
done
load_end=$(load)
{
  echo "$($r2r --version); $RUNS interleaved runs; load average $load_start at the start, $load_end at the end."
  echo
  echo "| command | IL package, ms | $rid ReadyToRun package, ms | IL / R2R |"
  echo "|---|---:|---:|---:|"
  for i in 0 1 2; do
    a=$(echo "${times[il$i]}" | median); b=$(echo "${times[r2r$i]}" | median)
    awk -v l="${labels[$i]}" -v a="$a" -v b="$b" 'BEGIN { printf "| `%s` | %.1f | %.1f | %.2fx |\n", l, a / 10, b / 10, a / b }'
  done
} | tee "${report_file:-/dev/null}"
