#!/usr/bin/env python3
"""Writes the four console projects of docs/BUILD-COST.md's "Where the trained bytes live" into the current
directory: the L network's 2,913,290 float32 values (random, fixed seed) embedded as a byte-array literal
(bytes/), a base64 string constant (base64/), a base64 UTF-8 literal (u8/), or not at all (none/), each with a
Program.cs that times the first and second copy into a float[]. Build each with
/usr/bin/time -v dotnet build <dir> -c Release --no-restore -nodeReuse:false -m:1 -p:UseSharedCompilation=false
so that csc runs as a child process and its peak memory is reported."""
import base64, os, random, struct
random.seed(1)
n = 784*1024+1024 + 2*(1024*1024+1024) + 1024*10+10
data = struct.pack('<%df' % n, *[random.gauss(0, 0.05) for _ in range(n)])
open('weights.bin','wb').write(data)
main = '''
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
static class Program
{
    static int Main()
    {
        var sw = Stopwatch.StartNew();
        var parameters = new float[%d];
        Weights.Load(parameters);
        double ms = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        Weights.Load(parameters);
        Console.WriteLine($"first use {ms:F2} ms, second {sw.Elapsed.TotalMilliseconds:F2} ms, checksum {parameters[12345]}");
        return 0;
    }
}
''' % n
proj = '''<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup></Project>'''
for variant in ['bytes', 'base64', 'u8', 'none']:
    os.makedirs(variant, exist_ok=True)
    open(f'{variant}/{variant}.csproj','w').write(proj)
    open(f'{variant}/Program.cs','w').write(main)
    with open(f'{variant}/Weights.cs','w') as f:
        f.write('using System;\nusing System.Runtime.InteropServices;\nstatic class Weights\n{\n')
        if variant == 'bytes':
            f.write('    public static void Load(Span<float> d) => MemoryMarshal.Cast<byte, float>(Bytes).CopyTo(d);\n')
            f.write('    private static ReadOnlySpan<byte> Bytes => new byte[]\n    {\n')
            for i in range(0, len(data), 64):
                f.write('        ' + ''.join(str(b) + ',' for b in data[i:i+64]) + '\n')
            f.write('    };\n')
        elif variant == 'u8':
            f.write('    public static void Load(Span<float> d) { if (System.Buffers.Text.Base64.DecodeFromUtf8(Text, MemoryMarshal.AsBytes(d), out _, out _) != System.Buffers.OperationStatus.Done) throw new InvalidOperationException(); }\n')
            f.write('    private static ReadOnlySpan<byte> Text => "' + base64.b64encode(data).decode() + '"u8;\n')
        elif variant == 'base64':
            f.write('    public static void Load(Span<float> d) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(Text)).CopyTo(d);\n')
            f.write('    private const string Text = "' + base64.b64encode(data).decode() + '";\n')
        else:
            f.write('    public static void Load(Span<float> d) => d.Fill(0.5f);\n')
        f.write('}\n')
    print(variant, os.path.getsize(f'{variant}/Weights.cs'))
