#!/usr/bin/env bash
# NativeAOT check: publish the digits sample as native binaries, require warning-free publishes,
# print the binary's size, run it and check that it trains and reports a test accuracy.
# Usage: scripts/aot-check.sh [output-dir]   (default: a fresh temporary folder, removed at the end)
# Needs the .NET 10 SDK and a C toolchain to link (gcc or clang; installed with apt-get if missing).
# It publishes x86-64-v3 (AVX2) and x86-64-v4 (AVX-512) binaries and a launcher (scripts/publish-dispatch.sh)
# and checks that the launcher picks the right one and that both train to the same bits.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "aot-check: FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# NativeAOT links with the platform C toolchain (and needs zlib's headers/library for the runtime's
# compression support). Debian images with the SDK usually have gcc; install what is missing.
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "aot-check: no C compiler to link with; installing clang and zlib1g-dev"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq clang zlib1g-dev >/dev/null || fail "apt-get install clang zlib1g-dev failed"
  else
    fail "NativeAOT needs clang or gcc to link, and there is no apt-get to install one"
  fi
fi

if [ $# -ge 1 ]; then out=$1; keep=1; else out=$(mktemp -d); keep=0; fi
mkdir -p "$out"
log="$out/publish.log"
[ "$keep" -eq 1 ] || trap 'rm -rf "$out"' EXIT

echo "--- NativeAOT publishes of NetGen.Samples: x86-64-v3 and x86-64-v4 with a launcher (scripts/publish-dispatch.sh) ---"
t0=$(now)
# Both publishes must be warning-free; publish-dispatch.sh fails on any warning and prints it.
bash scripts/publish-dispatch.sh NetGen.Samples "$out/dispatch" || fail "the NativeAOT publishes failed (logs: $out/dispatch/publish-*.log)"
t1=$(now)
echo "publishes: $(secs "$t0" "$t1") s"
log="$out/dispatch/publish-x86-64-v3.log"
# Any warning fails the check: trimming (IL2xxx), AOT (IL3xxx) or any other (publish-dispatch.sh failed on
# them already; counted again here for the summary line).
warnings=$(cat "$out"/dispatch/publish-*.log | grep -E ': warning [A-Z]+[0-9]+' | sort -u)
il_count=$(printf '%s' "$warnings" | grep -cE 'warning IL[23][0-9]{3}' || true)
warning_count=$(printf '%s' "$warnings" | grep -c . || true)
echo "warnings: $warning_count (trim/AOT IL2xxx/IL3xxx: $il_count)"
[ "$warning_count" -eq 0 ] || fail "the NativeAOT publishes must have no warnings"

# The x86-64-v3 binary is the one every x64 CPU with AVX2 runs: the checks below run it.
bin="$out/dispatch/x86-64-v3/NetGen.Samples"
[ -x "$bin" ] || fail "no native binary at $bin"
size=$(stat -c %s "$bin")
echo "binary: $bin, $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB)"
if file "$bin" 2>/dev/null | grep -q 'ELF'; then :; elif command -v file >/dev/null 2>&1; then fail "$bin is not a native ELF binary"; fi

# Which matrix-product kernels the binary runs here: an x86-64-v3 binary has no AVX-512 code, so it
# must report the Vector<float> kernels even on an AVX-512 CPU (docs/PERFORMANCE.md, "Which kernel runs").
kernel_out=$("$bin" --kernel-info 2>&1) || fail "--kernel-info failed: $kernel_out"
printf '%s\n' "$kernel_out"
printf '%s\n' "$kernel_out" | grep -q 'AVX-512 kernels: no' || fail "the x86-64-v3 binary claims to run the AVX-512 kernels: $kernel_out"

# The x86-64-v4 binary and the launcher: on a CPU with the AVX-512 subsets x86-64-v4 needs, the launcher must
# start the v4 binary (AVX-512 kernels), and NETGEN_KERNELS=256 must make it start the v3 one; elsewhere it
# must start the v3 one. v4="": this CPU cannot run the v4 binary.
v4="$out/dispatch/x86-64-v4/NetGen.Samples"
launcher="$out/dispatch/NetGen.Samples"
has_v4=1
for f in avx512f avx512bw avx512cd avx512dq avx512vl; do grep -m 1 '^flags' /proc/cpuinfo | grep -qw "$f" || has_v4=0; done
launcher_out=$("$launcher" --kernel-info 2>&1) || fail "the launcher failed: $launcher_out"
if [ "$has_v4" -eq 1 ]; then
  v4_out=$("$v4" --kernel-info 2>&1) || fail "the x86-64-v4 binary failed: $v4_out"
  printf 'x86-64-v4 binary: %s\n' "$v4_out"
  printf '%s\n' "$v4_out" | grep -q 'AVX-512 kernels: yes' || fail "the x86-64-v4 binary does not run the AVX-512 kernels on this AVX-512 CPU: $v4_out"
  [ "$launcher_out" = "$v4_out" ] || fail "on this AVX-512 CPU the launcher did not start the x86-64-v4 binary: $launcher_out"
  forced=$(NETGEN_KERNELS=256 "$launcher" --kernel-info 2>&1)
  printf '%s\n' "$forced" | grep -q 'Avx512F.IsSupported: False' || fail "NETGEN_KERNELS=256 did not make the launcher start the x86-64-v3 binary: $forced"
  echo "launcher: starts the x86-64-v4 binary here (AVX-512 CPU), the x86-64-v3 one with NETGEN_KERNELS=256"
else
  printf '%s\n' "$launcher_out" | grep -q 'AVX-512 kernels: no' || fail "the launcher started an AVX-512 binary on a CPU without x86-64-v4: $launcher_out"
  echo "launcher: starts the x86-64-v3 binary here (no x86-64-v4 instruction sets on this CPU)"
fi

checkpoint="$out/digits.safetensors"
echo "--- run: $bin --epochs 5 --save $checkpoint ---"
t0=$(now)
run_out=$("$bin" --epochs 5 --save "$checkpoint" 2>&1)
run_status=$?
t1=$(now)
printf '%s\n' "$run_out" | tail -n 4
echo "run: $(secs "$t0" "$t1") s (exit $run_status)"
[ "$run_status" -eq 0 ] || fail "the native binary exited with $run_status"
acc=$(printf '%s\n' "$run_out" | sed -n 's/^test accuracy \([0-9.]*\) %.*/\1/p' | head -n 1)
[ -n "$acc" ] || fail "no 'test accuracy N %' line in the output"
# 5 epochs of the default SGD reach ~97 % here; 90 % catches a binary that runs but does not learn.
awk -v a="$acc" 'BEGIN { exit !(a >= 90) }' || fail "test accuracy $acc % after 5 epochs is below 90 %"

# Save, load in a second process, predict: the loaded network must give the same test accuracy,
# loss and prediction as the one that was trained (NetGen's predictions are deterministic).
[ -s "$checkpoint" ] || fail "no checkpoint was written to $checkpoint"
echo "--- run: $bin --load $checkpoint ---"
load_out=$("$bin" --load "$checkpoint" 2>&1) || fail "loading the checkpoint failed: $load_out"
printf '%s\n' "$load_out" | tail -n 3
trained=$(printf '%s\n' "$run_out" | grep -E '^(test accuracy|prediction for)' | sed 's/ on the held-out.*//')
loaded=$(printf '%s\n' "$load_out" | grep -E '^(test accuracy|prediction for)' | sed 's/ on the held-out.*//')
[ -n "$loaded" ] && [ "$trained" = "$loaded" ] || fail "the loaded network differs: trained '$trained', loaded '$loaded'"
echo "checkpoint: $(stat -c %s "$checkpoint") bytes, reloaded with identical accuracy, loss and prediction"
# The kernels compute every element the same way at every width: the x86-64-v4 binary (AVX-512 kernels) must
# train to the same bits as the x86-64-v3 one (Vector<float> kernels), and the times show what AVX-512 buys.
if [ "$has_v4" -eq 1 ]; then
  echo "--- run: $v4 --epochs 5 (x86-64-v4, AVX-512 kernels) ---"
  v4_run=$("$v4" --epochs 5 2>&1) || fail "the x86-64-v4 binary failed to train: $v4_run"
  v4_lines=$(printf '%s\n' "$v4_run" | grep -E '^(test accuracy|prediction for)' | sed 's/ on the held-out.*//')
  [ "$v4_lines" = "$trained" ] || fail "the x86-64-v4 binary trained to different results: '$v4_lines' against x86-64-v3's '$trained'"
  speed() { printf '%s\n' "$1" | sed -n 's/^training time .*(\([0-9,]*\) samples\/s).*/\1/p'; }
  echo "x86-64-v4 run: identical accuracy, loss and prediction; $(speed "$v4_run") samples/s against x86-64-v3's $(speed "$run_out") (one 5-epoch run each: a sanity figure, not a benchmark)"
fi
# A corrupt checkpoint is refused with a clear error and a non-zero exit, not garbage.
head -c 100 "$checkpoint" > "$out/corrupt.safetensors"
if "$bin" --load "$out/corrupt.safetensors" > "$out/corrupt.log" 2>&1; then fail "a truncated checkpoint was accepted"; fi
grep -q '^error: checkpoint' "$out/corrupt.log" || fail "a truncated checkpoint gave no clear error: $(cat "$out/corrupt.log")"

# The chapter 11 experiment commands draw PNG charts with ScottPlot/SkiaSharp: the native libSkiaSharp.so
# published beside the binary must load, and the report and charts must be written.
echo "--- run: $bin batchnorm --seeds 1 --epochs 1 --no-progress --out $out/batchnorm ---"
exp_out=$("$bin" batchnorm --seeds 1 --epochs 1 --no-progress --out "$out/batchnorm" 2>&1) || fail "the batchnorm experiment failed: $exp_out"
[ -s "$out/batchnorm/report.md" ] || fail "the batchnorm experiment wrote no report.md"
for png in accuracy loss gradient-profile gradients-relu; do
  [ "$(head -c 4 "$out/batchnorm/$png.png" 2>/dev/null | tail -c 3)" = "PNG" ] || fail "the batchnorm experiment wrote no $png.png: $exp_out"
done
echo "experiment: report.md and $(ls "$out/batchnorm"/*.png | wc -l) PNG charts written by the native binary"

echo "aot-check: OK (warnings 0, binary $size bytes, test accuracy $acc %)"
