using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Samples.Experiments;

/// <summary>One line of a chart: a legend label and its points.</summary>
public sealed record Series(string Label, double[] X, double[] Y);

/// <summary>PNG line charts drawn with ScottPlot 5 (SkiaSharp); the only place the samples use ScottPlot.</summary>
public static class Charts
{
    /// <summary>Pixel size of every chart.</summary>
    public const int Width = 900, Height = 560;

    /// <summary>Writes a line chart to <paramref name="path"/>. With <paramref name="logY"/>, values are drawn on a log10 axis (values ≤ 0 are left out).</summary>
    public static void Lines(string path, string title, string xLabel, string yLabel, IEnumerable<Series> series, bool logY = false)
    {
        var plot = new ScottPlot.Plot();
        var lines = series.ToList();
        // Ten clearly distinct colours while they suffice; the per-layer charts (11 lines) need twenty.
        ScottPlot.IPalette palette = lines.Count <= 10 ? new ScottPlot.Palettes.Category10() : new ScottPlot.Palettes.Category20();
        int index = 0;
        foreach (var s in lines)
        {
            var points = Enumerable.Range(0, s.X.Length).Where(i => double.IsFinite(s.Y[i]) && (!logY || s.Y[i] > 0)).ToArray();
            if (points.Length == 0) { index++; continue; }
            var line = plot.Add.Scatter(points.Select(i => s.X[i]).ToArray(), points.Select(i => logY ? Math.Log10(s.Y[i]) : s.Y[i]).ToArray());
            line.LegendText = s.Label;
            line.Color = palette.GetColor(index++);
            line.LineWidth = 2;
            line.MarkerSize = points.Length <= 12 ? 5 : 0;
        }
        if (logY)
        {
            var ticks = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                LabelFormatter = y => string.Create(CultureInfo.InvariantCulture, $"1e{y:0}"),
            };
            plot.Axes.Left.TickGenerator = ticks;
            plot.Grid.MajorLineColor = ScottPlot.Colors.Black.WithOpacity(.15);
            plot.Grid.MinorLineColor = ScottPlot.Colors.Black.WithOpacity(.05);
            plot.Grid.MinorLineWidth = 1;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? yLabel + " (log scale)" : yLabel);
        plot.ShowLegend(ScottPlot.Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// The learning-rate finder's curve: loss against rate on a log10 x axis, with vertical lines at the rate of
    /// the lowest loss and at the suggested rate.
    /// </summary>
    public static void LearningRateCurve(string path, string title, IReadOnlyList<double> rates, IReadOnlyList<double> losses, double minimumLossRate, double suggestedRate)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var curve = plot.Add.Scatter(rates.Select(Math.Log10).ToArray(), losses.ToArray());
        curve.LegendText = "training loss (smoothed)";
        curve.Color = palette.GetColor(0);
        curve.LineWidth = 2;
        curve.MarkerSize = 0;
        foreach (var (rate, label, colour) in new[] { (minimumLossRate, "lowest loss", 3), (suggestedRate, "suggestion (lowest ÷ 10)", 2) })
        {
            var line = plot.Add.VerticalLine(Math.Log10(rate));
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{label}: {rate:G3}");
            line.Color = palette.GetColor(colour);
            line.LineWidth = 2;
            line.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = x => string.Create(CultureInfo.InvariantCulture, $"1e{x:0}"),
        };
        plot.Grid.MajorLineColor = ScottPlot.Colors.Black.WithOpacity(.15);
        plot.Grid.MinorLineColor = ScottPlot.Colors.Black.WithOpacity(.05);
        plot.Grid.MinorLineWidth = 1;
        plot.Title(title);
        plot.XLabel("learning rate (log scale)");
        plot.YLabel("training loss");
        plot.ShowLegend(ScottPlot.Edge.Right);
        plot.SavePng(path, Width, Height);
    }
}
