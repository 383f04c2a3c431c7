using System;
using System.Globalization;
using System.IO;

namespace NetGen.Benchmarks.Performance;

/// <summary>The processor the run measured, from /proc/cpuinfo (what <c>lscpu</c> shows), with its core class.</summary>
internal sealed record CpuInfo(string ModelName, int Family, int Model)
{
    public static CpuInfo Read()
    {
        string name = "unknown";
        int family = -1, model = -1;
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
                if (key == "model name" && name == "unknown") name = value;
                else if (key == "cpu family" && family < 0) int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out family);
                else if (key == "model" && model < 0) int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out model);
                if (line.Length == 0 && family >= 0) break;
            }
        }
        catch (IOException)
        {
        }
        return new CpuInfo(name, family, model);
    }

    /// <summary>
    /// AMD's family and model numbers name the core: family 25 (19h) is Zen 3 (models 00-0F, 20-5F) or Zen 4 (10-1F,
    /// 60-7F, A0-AF), whose AVX-512 is double-pumped; family 26 (1Ah) is Zen 5, with a full 512-bit datapath on server
    /// parts. Anything else is named by its numbers only.
    /// </summary>
    public string CoreClass => (Family, Model) switch
    {
        (25, >= 0x10 and <= 0x1F) or (25, >= 0x60 and <= 0x7F) or (25, >= 0xA0 and <= 0xAF) => "Zen 4 class (AVX-512 double-pumped)",
        (25, _) => "Zen 3 class (no AVX-512)",
        (26, _) => "Zen 5 class (512-bit FMA datapath)",
        (23, _) => "Zen / Zen 2 class",
        _ => "unclassified",
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ModelName}, family {Family} model {Model} (0x{Math.Max(Model, 0):X2}): {CoreClass}");
}
