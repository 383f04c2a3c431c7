using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen
{
    /// <summary>Keras's <c>model.summary()</c> for any network, as text.</summary>
    public static class NetworkSummary
    {
        private static readonly string[] Headers = { "Layer (type)", "Output Shape", "Param #", "Activation", "Batch norm", "Dropout" };

        /// <summary>
        /// The table Keras 2 prints for <c>model.summary()</c>: <c>Model: "TypeName"</c>, one row per dense layer named
        /// as Keras names them (<c>dense</c>, <c>dense_1</c>, …) with its output shape <c>(None, units)</c>, its parameter
        /// count (kernel and bias, plus batch normalization's γ, β, moving mean and moving variance), its activation in
        /// Keras's spelling, its batch normalization (<c>before</c> or <c>after</c> the activation) and its dropout rate
        /// (<c>alpha 0.1</c> for alpha dropout); when the network keeps more state than its layers' moving statistics
        /// (the input normalization's statistics), a first <c>normalization</c> row with that count. Then the totals:
        /// total, trainable, and non-trainable parameters, where moving statistics, normalization statistics and the
        /// parameters of frozen layers count as non-trainable, as in Keras. Where Keras prints separate rows for
        /// <c>BatchNormalization</c>, <c>Activation</c> and <c>Dropout</c> layers, this table folds them into their dense
        /// layer's row; the totals are the same. Lines end with <c>\n</c>; columns are as wide as their widest cell plus three spaces, with no trailing spaces.
        /// </summary>
        public static string Summary(this INetwork net)
        {
            if (net is null) throw new ArgumentNullException(nameof(net));
            var rows = new List<string[]>();
            long trainable = 0, layerState = 0;
            foreach (var layer in net.Layers) layerState += layer.StateCount;
            long normalization = net.State.Length - layerState;
            if (normalization > 0)
                rows.Add(new[] { "normalization (Normalization)", Shape(net.InputSize), Count(normalization), "-", "-", "-" });
            foreach (var layer in net.Layers)
            {
                string name = layer.Index == 0 ? "dense" : $"dense_{layer.Index.ToString(CultureInfo.InvariantCulture)}";
                if (net.IsTrainable(layer.Index)) trainable += layer.ParameterCount;
                rows.Add(new[]
                {
                    name + " (Dense)", Shape(layer.Units), Count(layer.ParameterCount + (long)layer.StateCount), KerasName(layer.Activation),
                    layer.BatchNorm is { } norm ? (norm.Placement == BatchNormPlacement.BeforeActivation ? "before" : "after") : "-",
                    layer.Dropout is { } dropout ? (dropout.IsAlpha ? "alpha " : "") + dropout.Rate.ToString(CultureInfo.InvariantCulture) : "-",
                });
            }
            long total = net.ParameterCount + (long)net.State.Length;

            var widths = Headers.Select((header, column) => Math.Max(header.Length, rows.Max(row => row[column].Length)) + 3).ToArray();
            int lineLength = widths.Sum();
            var text = new StringBuilder();
            text.Append("Model: \"").Append(net.GetType().Name).Append("\"\n");
            text.Append('_', lineLength).Append('\n');
            AppendRow(text, Headers, widths);
            text.Append('=', lineLength).Append('\n');
            for (int i = 0; i < rows.Count; i++)
            {
                AppendRow(text, rows[i], widths);
                // Keras separates rows with a blank line and closes the table with '='.
                if (i < rows.Count - 1) text.Append('\n');
            }
            text.Append('=', lineLength).Append('\n');
            text.Append("Total params: ").Append(Thousands(total)).Append('\n');
            text.Append("Trainable params: ").Append(Thousands(trainable)).Append('\n');
            text.Append("Non-trainable params: ").Append(Thousands(total - trainable)).Append('\n');
            text.Append('_', lineLength).Append('\n');
            return text.ToString();
        }

        private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
        {
            // Keras indents every cell by one space and pads it to its column; trailing spaces are dropped.
            var line = new StringBuilder();
            for (int column = 0; column < cells.Length; column++)
                line.Append(' ').Append(cells[column].PadRight(widths[column] - 1));
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        private static string Shape(int units) => $"(None, {units.ToString(CultureInfo.InvariantCulture)})";

        private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

        private static string Thousands(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>The activation as Keras spells it (<c>keras.activations</c> names).</summary>
        private static string KerasName(Act activation) => activation switch
        {
            Act.LeakyRelu => "leaky_relu",
            Act.Silu => "silu",
            _ => activation.ToString().ToLowerInvariant(),
        };
    }
}
