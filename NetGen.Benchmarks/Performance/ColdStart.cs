using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// Cold start of one workload: medians over the launches, in ms; NaN where a side was not measured. NetGen's binary is
/// launched twice per round: with the weights embedded at build time (where this build embeds them) and reading the
/// same checkpoint from a file.
/// </summary>
internal sealed record ColdStartFigures(int Launches, double NetGenEmbeddedMs, double NetGenFileMs, double OrtProcessMs, double OrtSessionMs, double OrtFirstOutputMs)
{
    /// <summary>The headline NetGen figure: embedded weights where the binary carries them, else the file.</summary>
    public double NetGenAotMs => double.IsNaN(NetGenEmbeddedMs) ? NetGenFileMs : NetGenEmbeddedMs;

    public string NetGenWeights => double.IsNaN(NetGenEmbeddedMs) ? "file" : "embedded";
}

/// <summary>
/// Time from process start to the first prediction. NetGen: the NativeAOT binary <see cref="AotBinary"/> (published
/// once per run, before any launch is timed), which predicts one row with the weights embedded at build time (no model
/// file read) and, in a second launch, after loading the same weights from the checkpoint <see cref="PeerFiles"/>
/// wrote. ONNX Runtime: its peer assembly under <c>dotnet</c> (JIT: ORT's C# API is not published with NativeAOT
/// here), which creates a session on the same model and runs it once; it also reports, from inside, when its session
/// was ready and its first output came, counted from the start of its Main, which leaves out the .NET host's start.
/// Each time is from <see cref="Process.Start(ProcessStartInfo)"/> to the line the child prints after its prediction;
/// the figure is the median of <see cref="Launches"/> launches, taken in turn (NetGen embedded, NetGen file, ORT, ...)
/// so that a slow moment of the machine hits all.
/// </summary>
internal static class ColdStart
{
    public const int Launches = 7;

    public static ColdStartFigures Measure(string workload, AotBinary? binary, string? ortAssembly, string modelDir)
    {
        var embedded = new List<double>();
        var file = new List<double>();
        var ortProcess = new List<double>();
        var ortSession = new List<double>();
        var ortFirst = new List<double>();
        float expected = FloatFile.Read(Path.Combine(modelDir, workload + ".expected.bin"))[0];
        string input = Path.Combine(modelDir, workload + ".input.bin");
        for (int launch = 0; launch < Launches; launch++)
        {
            if (binary is not null)
            {
                if (binary.Embeds(workload))
                {
                    embedded.Add(TimeToFirstLine(new ProcessStartInfo(binary.Path, $"cold {workload} {input}"), out string fromBuild));
                    Check("NetGen's NativeAOT binary (embedded weights)", workload, float.Parse(fromBuild, CultureInfo.InvariantCulture), expected);
                }
                file.Add(TimeToFirstLine(new ProcessStartInfo(binary.Path, $"cold {workload} {input} {Path.Combine(modelDir, workload + ".safetensors")}"), out string fromFile));
                Check("NetGen's NativeAOT binary (weights file)", workload, float.Parse(fromFile, CultureInfo.InvariantCulture), expected);
            }
            if (ortAssembly is not null && File.Exists(ortAssembly))
            {
                ortProcess.Add(TimeToFirstLine(new ProcessStartInfo("dotnet", $"{ortAssembly} cold --dir {modelDir} --workload {workload}"), out string line));
                using var json = JsonDocument.Parse(line);
                ortSession.Add(json.RootElement.GetProperty("main_to_session_ms").GetDouble());
                ortFirst.Add(json.RootElement.GetProperty("main_to_first_output_ms").GetDouble());
                Check("ONNX Runtime", workload, json.RootElement.GetProperty("output0").GetSingle(), expected);
            }
        }
        return new ColdStartFigures(Launches, Median(embedded), Median(file), Median(ortProcess), Median(ortSession), Median(ortFirst));
    }

    /// <summary>A cold process must answer what the warm one did: its first output against NetGen's, within 1e-4 relative.</summary>
    private static void Check(string who, string workload, float actual, float expected)
    {
        double error = Math.Abs(actual - expected) / Math.Max(Math.Max(Math.Abs(actual), Math.Abs(expected)), 1e-6);
        if (!(error <= 1e-4))
            throw new PeerMismatchException($"cold start: {who} answered {actual:R} for {workload}'s first row, NetGen in this process {expected:R}");
    }

    /// <summary>Milliseconds from launching the process to its first line on stdout; the child must then exit with 0.</summary>
    private static double TimeToFirstLine(ProcessStartInfo start, out string line)
    {
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        long begin = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        line = process.StandardOutput.ReadLine() ?? "";
        double ms = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || line.Length == 0)
            throw new InvalidOperationException($"cold start: '{start.FileName} {start.Arguments}' exited with {process.ExitCode} before printing its prediction");
        return ms;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    public static string Format(double ms) => double.IsNaN(ms) ? "—" : ms.ToString("F1", CultureInfo.InvariantCulture);
}
