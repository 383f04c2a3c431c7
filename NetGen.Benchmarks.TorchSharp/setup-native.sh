#!/usr/bin/env bash
# setup-native.sh NATIVE_DIR [WORK_DIR]
#
# Makes TorchSharp's native wrapper (NATIVE_DIR/libLibTorchSharp.so, as copied into the build output) loadable on
# a libstdc++ older than GCC 13's, such as Debian 12's (GLIBCXX_3.4.30; see shared DESIGN.md §5). The wrapper asks
# for GLIBCXX_3.4.32 for one symbol only, std::ios_base_library_init(), so:
#   1. a no-op shim library defines that symbol at that version (native/glibcxx-shim.c), beside the wrapper;
#   2. patchelf adds the shim to the wrapper's DT_NEEDED (the wrapper's RUNPATH has $ORIGIN, so it is found);
#   3. the wrapper's need of GLIBCXX_3.4.32 from libstdc++.so.6 is marked weak (native/weaken-verneed.c), so the
#      loader no longer refuses libstdc++ for lacking it; the symbol binds to the shim.
# Idempotent, and a no-op where libstdc++ already has the version. Installs patchelf with apt-get when it is
# missing and this runs as root; needs gcc. WORK_DIR (default: a temporary folder) keeps the compiled helper.
# The build runs this after every build (NetGen.Benchmarks.TorchSharp.csproj), as the build copies the unpatched
# wrapper from the NuGet cache again whenever it differs. Progress goes to stdout; failures go to stderr in
# MSBuild's error format, so that `dotnet run` shows them.
set -euo pipefail

fail() { echo "setup-native.sh: error TSPEER1: $*" >&2; exit 1; }

native_dir=${1:?usage: setup-native.sh NATIVE_DIR [WORK_DIR]}
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
wrapper="$native_dir/libLibTorchSharp.so"
version=GLIBCXX_3.4.32
shim_name=libtorchsharp-glibcxx-shim.so

[[ "$(uname -s)" == Linux ]] || { echo "not Linux: nothing to patch"; exit 0; }
[[ -f "$wrapper" ]] || fail "$wrapper not found (is TorchSharp-cpu restored, and is this the build output?)"

# Does the wrapper need the version at all, and does the libstdc++ the loader would pick have it?
if ! grep -qa "$version" "$wrapper"; then echo "$wrapper does not need $version: nothing to patch"; exit 0; fi
libstdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }' || true)
if [[ -n "$libstdcxx" ]] && grep -qa "$version" "$libstdcxx"; then echo "$libstdcxx has $version: nothing to patch"; exit 0; fi

command -v gcc >/dev/null || fail "gcc is needed to build the $version shim (apt-get install gcc)"
if ! command -v patchelf >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "installing patchelf with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q patchelf || { apt-get update -q && apt-get install -y -q patchelf; } \
            || fail "apt-get could not install patchelf"
    else
        fail "patchelf is needed: install it (e.g. sudo apt-get install patchelf) and build again"
    fi
fi

work_dir=${2:-$(mktemp -d)}
mkdir -p "$work_dir"
weaken="$work_dir/weaken-verneed"
if [[ ! -x "$weaken" || "$script_dir/native/weaken-verneed.c" -nt "$weaken" ]]; then
    gcc -O2 -Wall -Wextra -o "$weaken" "$script_dir/native/weaken-verneed.c" || fail "could not build weaken-verneed"
fi
shim="$native_dir/$shim_name"
if [[ ! -f "$shim" || "$script_dir/native/glibcxx-shim.c" -nt "$shim" || "$script_dir/native/glibcxx-shim.map" -nt "$shim" ]]; then
    gcc -O2 -shared -fPIC -Wl,-soname,"$shim_name" -Wl,--version-script="$script_dir/native/glibcxx-shim.map" \
        -o "$shim" "$script_dir/native/glibcxx-shim.c" || fail "could not build $shim_name"
fi

if ! patchelf --print-needed "$wrapper" | grep -qxF "$shim_name"; then
    patchelf --add-needed "$shim_name" "$wrapper" || fail "patchelf --add-needed failed on $wrapper"
    echo "$wrapper: added DT_NEEDED $shim_name"
fi
"$weaken" "$wrapper" "$version" || fail "could not mark the need of $version weak in $wrapper"
echo "$wrapper: patched to load without $version"
