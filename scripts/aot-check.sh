#!/usr/bin/env bash
# NativeAOT check: publish the digits sample as a native binary, require a warning-free publish,
# print the binary's size, run it and check that it trains and reports a test accuracy.
# Usage: scripts/aot-check.sh [output-dir]   (default: a fresh temporary folder, removed at the end)
# Needs the .NET 10 SDK and a C toolchain to link (gcc or clang; installed with apt-get if missing).
# The binary is built for x86-64-v3 (AVX2): it does not run on a CPU without AVX2.
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

echo "--- NativeAOT publish of NetGen.Samples (IlcInstructionSet x86-64-v3) ---"
t0=$(now)
# -clp:NoSummary so a warning is printed once; PublishAot comes from the csproj (never -p:PublishAot,
# which would reach the netstandard2.0 generator, NETSDK1207).
dotnet publish NetGen.Samples -c Release -o "$out/bin" -clp:NoSummary >"$log" 2>&1
publish_status=$?
t1=$(now)
echo "publish: $(secs "$t0" "$t1") s (exit $publish_status)"

# Any warning fails the check: trimming (IL2xxx), AOT (IL3xxx) or any other.
warnings=$(grep -E ': warning [A-Z]+[0-9]+' "$log" | sort -u)
errors=$(grep -E ': error [A-Z]*[0-9]+' "$log" | sort -u)
warning_count=$(printf '%s' "$warnings" | grep -c . || true)
il_count=$(printf '%s\n%s' "$warnings" "$errors" | grep -cE '(warning|error) IL[23][0-9]{3}' || true)
echo "warnings: $warning_count (trim/AOT IL2xxx/IL3xxx warnings or errors: $il_count)"
if [ "$publish_status" -ne 0 ] || [ "$warning_count" -ne 0 ] || [ "$il_count" -ne 0 ]; then
  [ -n "$warnings" ] && printf '%s\n' "$warnings" >&2
  [ -n "$errors" ] && printf '%s\n' "$errors" >&2
  [ "$publish_status" -ne 0 ] && tail -n 20 "$log" >&2
  fail "the NativeAOT publish must succeed with no warnings"
fi

bin="$out/bin/NetGen.Samples"
[ -x "$bin" ] || fail "no native binary at $bin"
size=$(stat -c %s "$bin")
echo "binary: $bin, $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB)"
if file "$bin" 2>/dev/null | grep -q 'ELF'; then :; elif command -v file >/dev/null 2>&1; then fail "$bin is not a native ELF binary"; fi

# Which matrix-product kernels the binary runs here: an x86-64-v3 binary has no AVX-512 code, so it
# must report the Vector<float> kernels even on an AVX-512 CPU (docs/PERFORMANCE.md, "Which kernel runs").
kernel_out=$("$bin" --kernel-info 2>&1) || fail "--kernel-info failed: $kernel_out"
printf '%s\n' "$kernel_out"
printf '%s\n' "$kernel_out" | grep -q 'AVX-512 kernels: no' || fail "the x86-64-v3 binary claims to run the AVX-512 kernels: $kernel_out"

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
