# Sourced by the whole-process benches (bench/*.sh) as their preamble: strict mode, an environment that
# cannot point git or scopeguard at the ScopeGuard repository itself, $root, and the shared helpers.
#
#   . "$(dirname "$0")/lib.sh"
#   bench_tmp NAME            $tmp: a new temporary folder, removed on exit unless KEEP_TMP=1
#   bench_report_path FILE    prints FILE made absolute (empty stays empty)
#   bench_rid NAME            sets RID from uname -m unless it is set (NAME is the script, for the error)
#   bench_publish PROJECT OUT [ARGS...]
#                             dotnet publish -c Release into OUT (its own --artifacts-path under $tmp)
#   bench_publish_cli [ARGS...]
#                             publishes the CLI ReadyToRun into $tmp/cli and sets $sg
#   bench_git_init DIR        a new repository on main: author Bench, no signing, core.hooksPath /dev/null
#   bench_time_checks         times the "label|command" entries of the array checks into result[label]
#   median [DIVISOR [FORMAT]] the median of the numbers on standard input, divided by DIVISOR (an even
#                             count's mean of the middle two printed with FORMAT)
#   say TEXT / load           a progress line on stderr / the load average
set -euo pipefail

# Run from a git hook or a `git rebase --exec`, these would point git (and scopeguard) at the
# ScopeGuard repository itself; a benchmark must only ever see its own generated repository.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
      GIT_COMMON_DIR GIT_PREFIX GIT_NAMESPACE GIT_CEILING_DIRECTORIES SCOPEGUARD_AGENT NO_COLOR
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

say() { printf 'bench: %s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }

bench_tmp() { # name
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/scopeguard-$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}
bench_cleanup() { if [ "${KEEP_TMP:-0}" = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi; }

bench_report_path() { # file
  case "$1" in '' | /*) printf '%s' "$1" ;; *) printf '%s' "$PWD/$1" ;; esac
}

bench_rid() { # script name
  if [ -z "${RID:-}" ]; then
    case "$(uname -m)" in
      x86_64) RID=linux-x64 ;;
      aarch64 | arm64) RID=linux-arm64 ;;
      *) echo "$1: unknown machine '$(uname -m)': set RID" >&2; exit 2 ;;
    esac
  fi
}

# Each publish gets its own --artifacts-path: an incremental publish that flips ReadyToRun settings
# over another's obj folder can copy stale ReadyToRun images.
bench_publish() { # project output extra-args...
  local project=$1 out=$2
  shift 2
  dotnet publish "$project" -c Release -o "$out" --artifacts-path "$tmp/artifacts/$(basename "$out")" \
    -nologo -v:q -clp:ErrorsOnly "$@" >"$tmp/publish.log" 2>&1 \
    || { cat "$tmp/publish.log" >&2; say "publish of $project failed"; exit 1; }
}
bench_publish_cli() { # extra-args...
  bench_publish "$root/src/ScopeGuard.Cli/ScopeGuard.Cli.csproj" "$tmp/cli" -p:PublishReadyToRun=true "$@"
  sg=$tmp/cli/scopeguard
}

bench_git_init() { # directory
  mkdir -p "$1"
  git init -q -b main "$1"
  git -C "$1" config user.name Bench
  git -C "$1" config user.email bench@example.invalid
  git -C "$1" config commit.gpgsign false
  git -C "$1" config core.hooksPath /dev/null
}

# bench_time_checks: for each "label|command" in the array checks, WARMUP untimed runs, then RUNS timed
# ones (a command's exit code is not judged here: check it before); result[label] is the median in µs.
bench_time_checks() { # times each "label|command" of checks[]: result[label] = median wall µs, cpu[label] = median user+sys µs
  local entry label command w r real user sys times cpus TIMEFORMAT='%3R %3U %3S'
  declare -gA result cpu
  for entry in "${checks[@]}"; do
    label=${entry%%|*}
    command=${entry#*|}
    for ((w = 0; w < WARMUP; w++)); do $command >/dev/null 2>&1 || true; done
    times=() cpus=()
    for ((r = 0; r < RUNS; r++)); do
      # bash's time: real, user and sys seconds of the command and its children.
      read -r real user sys < <({ time $command >/dev/null 2>&1 || true; } 2>&1)
      times+=("$(awk -v s="$real" 'BEGIN { printf "%.0f", s * 1e6 }')")
      cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", (u + s) * 1e6 }')")
    done
    result[$label]=$(printf '%s\n' "${times[@]}" | median)
    cpu[$label]=$(printf '%s\n' "${cpus[@]}" | median)
    say "$label: $(awk -v us="${result[$label]}" -v c="${cpu[$label]}" 'BEGIN { printf "%.1f ms wall, %.1f ms CPU", us / 1000, c / 1000 }')"
  done
}

median() { # [divisor [printf format for an even count]]; numbers on stdin, separated by spaces or newlines
  tr ' ' '\n' | grep . | sort -n | awk -v d="${1:-1}" -v f="${2:-%s}" '{ v[NR] = $1 }
    END { if (NR == 0) { print "nan"; exit } if (NR % 2) print v[(NR + 1) / 2] / d; else printf f "\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 / d }'
}
