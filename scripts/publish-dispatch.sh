#!/usr/bin/env bash
# Publishes a NativeAOT app twice, for x86-64-v3 (AVX2: every x64 CPU since 2013-2015) and for x86-64-v4
# (AVX-512), and writes a launcher that starts the one this CPU should run, so one shipped folder runs
# NetGen's AVX-512 kernels where they pay and still runs on AVX2-only CPUs. A single NativeAOT binary cannot
# do both: .NET 10's ILCompiler adds no AVX-512 to the run-time-checked instruction sets of an x86-64-v3
# target (docs/PERFORMANCE.md, "Which kernel runs").
#
# Usage: scripts/publish-dispatch.sh PROJECT OUTPUT-DIR [more dotnet publish arguments]
# Writes OUTPUT-DIR/x86-64-v3/APP, OUTPUT-DIR/x86-64-v4/APP and the launcher OUTPUT-DIR/APP (APP: the
# project's assembly name), and each publish's log beside them. Fails on any publish warning.
#
# The launcher (POSIX sh, Linux) execs the x86-64-v4 binary when /proc/cpuinfo lists all five AVX-512
# subsets x86-64-v4 requires (avx512f, avx512bw, avx512cd, avx512dq, avx512vl: the kernel lists only what
# the OS enabled) and NETGEN_KERNELS is not 256; otherwise the x86-64-v3 one. It mirrors the rule of
# NetGen.Runtime/Kernels/KernelChoice.cs, which runs the AVX-512 kernels on every AVX-512 CPU (Intel, AMD
# Zen 4 where they measured faster, Zen 5); change both together. exec keeps the process id, the signals,
# the standard streams and the exit code.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/publish-dispatch.sh PROJECT OUTPUT-DIR [dotnet publish arguments]" >&2; exit 2; }
project=$1; out=$2; shift 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
fail() { echo "publish-dispatch: FAIL: $*" >&2; exit 1; }

mkdir -p "$out"
app=""
for level in x86-64-v3 x86-64-v4; do
  log="$out/publish-$level.log"
  start=$(date +%s)
  # PublishAot comes from the project (never -p:PublishAot: it would reach the netstandard2.0 generator,
  # NETSDK1207); IlcInstructionSet on the command line overrides the project's x86-64-v3.
  dotnet publish "$project" -c Release -o "$out/$level" -p:IlcInstructionSet=$level -clp:NoSummary "$@" >"$log" 2>&1
  status=$?
  echo "publish $level: $(( $(date +%s) - start )) s (exit $status)"
  warnings=$(grep -E ': (warning|error) [A-Z]+[0-9]+' "$log" | sort -u)
  if [ "$status" -ne 0 ] || [ -n "$warnings" ]; then
    [ -n "$warnings" ] && printf '%s\n' "$warnings" >&2
    tail -n 20 "$log" >&2
    fail "the $level publish of $project must succeed with no warnings (log: $log)"
  fi
  # The app's name: the one executable file the publish wrote that is not a shared library.
  name=$(find "$out/$level" -maxdepth 1 -type f -perm -u+x ! -name '*.so' ! -name '*.dbg' -printf '%f\n' | head -n 1)
  [ -n "$name" ] || fail "no executable in $out/$level"
  [ -z "$app" ] || [ "$app" = "$name" ] || fail "the two publishes wrote different executables ($app, $name)"
  app=$name
done

launcher="$out/$app"
cat > "$launcher" <<LAUNCHER
#!/bin/sh
# Starts the x86-64-v4 (AVX-512) build of $app where the CPU and the OS have the AVX-512 subsets it needs,
# else the x86-64-v3 (AVX2) build. Written by NetGen's scripts/publish-dispatch.sh. NETGEN_KERNELS=256 picks
# the AVX2 build (its 256-bit kernels are what that setting asks for).
dir=\$(CDPATH= cd -- "\$(dirname -- "\$0")" && pwd)
level=x86-64-v3
if [ "\${NETGEN_KERNELS:-auto}" != 256 ] && [ -r /proc/cpuinfo ]; then
  flags=\$(grep -m 1 '^flags' /proc/cpuinfo)
  level=x86-64-v4
  for f in avx512f avx512bw avx512cd avx512dq avx512vl; do
    case " \$flags " in *" \$f "*) ;; *) level=x86-64-v3 ;; esac
  done
fi
exec "\$dir/\$level/$app" "\$@"
LAUNCHER
chmod +x "$launcher"
echo "launcher: $launcher (x86-64-v3: $(stat -c %s "$out/x86-64-v3/$app") bytes, x86-64-v4: $(stat -c %s "$out/x86-64-v4/$app") bytes)"
