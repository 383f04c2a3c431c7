#!/usr/bin/env bash
# Package check: pack the NetGen package, check its layout and nuspec, then use it the way a user
# would: a fresh `dotnet new console` project, a local feed, `dotnet add package NetGen`, a small
# network declared with attributes, built with TreatWarningsAsErrors, trained and run.
# Usage: scripts/package-check.sh   (works in a temporary folder, removed at the end)
# Needs the .NET 10 SDK and nuget.org (the console project restores through it as usual).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "package-check: FAIL: $*" >&2; exit 1; }
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
[ -n "$version" ] || fail "no <Version> in Directory.Build.props"

echo "--- dotnet pack NetGen.Runtime (package NetGen $version) ---"
dotnet pack NetGen.Runtime -c Release -o "$work/feed" -clp:NoSummary >"$work/pack.log" 2>&1 \
  || { tail -n 30 "$work/pack.log" >&2; fail "dotnet pack failed"; }
if grep -qE ': warning [A-Z]+[0-9]+' "$work/pack.log"; then
  grep -E ': warning [A-Z]+[0-9]+' "$work/pack.log" | sort -u >&2; fail "dotnet pack printed warnings"
fi
nupkg="$work/feed/NetGen.$version.nupkg"
[ -f "$nupkg" ] || fail "no $nupkg (packages: $(ls "$work/feed"))"
[ -f "$work/feed/NetGen.$version.snupkg" ] || fail "no symbols package NetGen.$version.snupkg"
[ "$(ls "$work/feed"/*.nupkg | wc -l)" -eq 1 ] || fail "expected one package, got: $(ls "$work/feed")"

echo "--- layout of $(basename "$nupkg") ---"
listing=$(unzip -Z1 "$nupkg") || fail "cannot read $nupkg"
printf '%s\n' "$listing" | grep -vE '^(_rels/|package/|\[Content_Types\])' | sort
for entry in lib/net8.0/NetGen.Runtime.dll lib/net8.0/NetGen.Runtime.xml \
             lib/net10.0/NetGen.Runtime.dll lib/net10.0/NetGen.Runtime.xml \
             analyzers/dotnet/cs/NetGen.Generator.dll analyzers/dotnet/cs/NetGen.CodeFixes.dll \
             build/NetGen.targets README.md LICENSE NetGen.nuspec; do
  printf '%s\n' "$listing" | grep -qxF "$entry" || fail "the package lacks $entry"
done
# Nothing else a consumer would compile against or load: no Roslyn, no stray lib/analyzer files.
extra=$(printf '%s\n' "$listing" | grep -E '^(lib|analyzers)/' \
  | grep -vxE 'lib/net(8|10)\.0/NetGen\.Runtime\.(dll|xml)|analyzers/dotnet/cs/NetGen\.(Generator|CodeFixes)\.dll' || true)
[ -z "$extra" ] || fail "unexpected files in the package: $extra"
nuspec=$(unzip -p "$nupkg" NetGen.nuspec)
if printf '%s' "$nuspec" | grep -qi 'Microsoft\.CodeAnalysis'; then fail "the nuspec depends on Microsoft.CodeAnalysis"; fi
# The only dependency allowed is the BCL package System.IO.Hashing (checkpoint checksums); never Roslyn.
others=$(printf '%s' "$nuspec" | grep '<dependency ' | grep -v 'id="System.IO.Hashing"' || true)
[ -z "$others" ] || fail "the nuspec lists unexpected dependencies: $others"
for field in '<id>NetGen</id>' "<version>$version</version>" '<license type="expression">MIT</license>' \
             '<readme>README.md</readme>' '<repository type="git"'; do
  printf '%s' "$nuspec" | grep -qF "$field" || fail "the nuspec lacks $field"
done
echo "nuspec: id NetGen, version $version, MIT, readme, repository; dependencies: System.IO.Hashing only"

echo "--- a fresh console project that uses the package ---"
app="$work/app"
mkdir -p "$app"
# A private packages folder: a package of the same version from an earlier run must not be reused.
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
XML
(cd "$app" && dotnet new console -n TinyApp -o . --force >"$work/new.log" 2>&1) || { cat "$work/new.log" >&2; fail "dotnet new console failed"; }
(cd "$app" && dotnet add package NetGen --version "$version" >"$work/add.log" 2>&1) || { cat "$work/add.log" >&2; fail "dotnet add package NetGen failed"; }
cat >"$app/Program.cs" <<'CS'
using System;
using System.Globalization;
using NetGen;

// Synthetic data: 4 features in [-1, 1]; the class is the index of the largest of the first three.
var random = new Random(7);
const int samples = 300;
var inputs = new float[samples * TinyNet.InputSize];
var labels = new float[samples];
for (int i = 0; i < samples; i++)
{
    for (int j = 0; j < TinyNet.InputSize; j++) inputs[i * TinyNet.InputSize + j] = (float)(random.NextDouble() * 2 - 1);
    int label = 0;
    for (int j = 1; j < 3; j++) if (inputs[i * TinyNet.InputSize + j] > inputs[i * TinyNet.InputSize + label]) label = j;
    labels[i] = label;
}

var net = new TinyNet();
Trainer.Fit(net, inputs, labels, new FitOptions { Epochs = 40, BatchSize = 16, Optimizer = new Adam(0.01f), Seed = 1 });
var (loss, accuracy) = Trainer.Evaluate(net, inputs, labels);

Span<float> probabilities = stackalloc float[TinyNet.OutputSize];
net.Predict(new float[] { 0.9f, -0.6f, -0.4f, 0.1f }, probabilities);
int predicted = 0;
for (int k = 1; k < TinyNet.OutputSize; k++) if (probabilities[k] > probabilities[predicted]) predicted = k;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parameters {TinyNet.ParameterCount}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train loss {loss:F4} accuracy {accuracy:F4}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"prediction {predicted} probabilities {probabilities[0]:F3} {probabilities[1]:F3} {probabilities[2]:F3}"));

[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(8, 3)]
[Activation(Act.Relu)]
[Initializer(Init.HeNormal)]
public partial class TinyNet;
CS
(cd "$app" && dotnet build -c Release -p:TreatWarningsAsErrors=true -clp:NoSummary >"$work/build.log" 2>&1) \
  || { grep -E '(error|warning)' "$work/build.log" | sort -u >&2; fail "the console project does not build warning-free"; }
if grep -qE ': warning [A-Z]+[0-9]+' "$work/build.log"; then
  grep -E ': warning [A-Z]+[0-9]+' "$work/build.log" | sort -u >&2; fail "the console project built with warnings"
fi
run_out=$(cd "$app" && dotnet run -c Release --no-build 2>&1) || { printf '%s\n' "$run_out" >&2; fail "the console program failed"; }
printf '%s\n' "$run_out"
# 4 -> 8 -> 3 dense: 4*8 + 8 + 8*3 + 3 = 67 parameters, from the generator.
printf '%s\n' "$run_out" | grep -qx 'parameters 67' || fail "expected 'parameters 67' (the generated network)"
acc=$(printf '%s\n' "$run_out" | sed -n 's/^train loss [0-9.]* accuracy \([0-9.]*\)$/\1/p')
[ -n "$acc" ] && awk -v a="$acc" 'BEGIN { exit !(a >= 0.85) }' || fail "training accuracy '${acc}' is below 0.85"
printf '%s\n' "$run_out" | grep -qE '^prediction 0 ' || fail "expected class 0 for (0.9, -0.6, -0.4, 0.1)"

echo "--- build/NetGen.targets: warning NG1001 for NativeAOT without an instruction set ---"
# Runs only the check target (no publish): it must warn without IlcInstructionSet and stay quiet with it.
(cd "$app" && dotnet msbuild -t:NetGenCheckAotInstructionSet -p:PublishAot=true -p:RuntimeIdentifier=linux-x64 -nologo >"$work/ng1001.log" 2>&1)
grep -q 'warning NG1001' "$work/ng1001.log" || { cat "$work/ng1001.log" >&2; fail "no NG1001 warning for PublishAot without IlcInstructionSet"; }
(cd "$app" && dotnet msbuild -t:NetGenCheckAotInstructionSet -p:PublishAot=true -p:RuntimeIdentifier=linux-x64 -p:IlcInstructionSet=x86-64-v3 -nologo >"$work/ng1001b.log" 2>&1)
grep -q 'NG1001' "$work/ng1001b.log" && { cat "$work/ng1001b.log" >&2; fail "NG1001 although IlcInstructionSet is set"; }
echo "NG1001: warns without IlcInstructionSet, quiet with it"

echo "package-check: OK (NetGen $version: $(stat -c %s "$nupkg") bytes, symbols $(stat -c %s "$work/feed/NetGen.$version.snupkg") bytes)"
