using System;
using System.Globalization;
using System.Text;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// A network that imports trained weights ([Weights], [OnnxModel]): the values are embedded as
    /// <c>ReadOnlySpan&lt;byte&gt;</c> properties over byte-array literals (the compiler stores them in the
    /// assembly's data and the property allocates nothing: no file at run time, AOT-safe; docs/BUILD-COST.md),
    /// the parameterless constructor starts from them, and <c>LoadTrainedWeights</c> returns to them.
    /// </summary>
    internal static partial class NetworkEmitter
    {
        private static void WriteTrainedConstructors(SourceWriter writer, NetworkSpec spec)
        {
            string file = System.IO.Path.GetFileName(spec.Weights!.Path);
            if (!spec.UserConstructors.Parameterless)
            {
                string seed = spec.Seed is { } declared ? Literals.Int(declared) : $"{RuntimeNames.Random}.Shared.Next()";
                writer.Line($"/// <summary>Creates the network with the trained weights of {Escape(file)}, embedded at build time.</summary>");
                writer.Line(spec.UserConstructors.Seeded
                    ? $"public {spec.TypeName}() {{ Initialize({seed}); LoadTrainedWeights(); }}"
                    : $"public {spec.TypeName}() : this({seed}) => LoadTrainedWeights();");
                writer.Line();
            }
            if (spec.UserConstructors.Seeded) return;
            writer.Line("/// <summary>Creates the network with fresh parameters drawn from <paramref name=\"seed\"/> by the layers' initializers (not the trained weights: see LoadTrainedWeights).</summary>");
            writer.Line($"public {spec.TypeName}(int seed) => Initialize(seed);");
            writer.Line();
        }

        private static void WriteTrainedWeights(SourceWriter writer, NetworkSpec spec, TrainedValues trained)
        {
            string file = Escape(System.IO.Path.GetFileName(spec.Weights!.Path));
            writer.Line();
            writer.Line($"/// <summary>Sets every parameter{(spec.HasBatchNorm ? " and batch-norm statistic" : "")} back to the trained values of {file} embedded at build time.</summary>");
            using (writer.Block("public void LoadTrainedWeights()"))
            {
                writer.Line($"{RuntimeNames.EmbeddedWeights}.Copy(TrainedParameters, _parameters);");
                if (spec.HasBatchNorm)
                {
                    writer.Line($"{RuntimeNames.EmbeddedWeights}.Copy(TrainedState, _state);");
                    writer.Line(MarkStale);
                }
            }
            writer.Line();
            writer.Line($"// {trained.Parameters.Length} float32 parameters of {file} (SHA-256 {spec.Weights.Hash}), little-endian.");
            WriteBytes(writer, "TrainedParameters", trained.Parameters);
            if (!spec.HasBatchNorm) return;
            writer.Line($"// {trained.State.Length} float32 batch-norm statistics (moving mean and variance), little-endian.");
            WriteBytes(writer, "TrainedState", trained.State);
        }

        /// <summary>One byte-array literal, 64 bytes a line: the emitted source grows with the weights only here.</summary>
        private static void WriteBytes(SourceWriter writer, string name, float[] values)
        {
            writer.Line($"private static {RuntimeNames.ReadOnlySpanOfByte} {name} => new byte[]");
            using (writer.Braces("};"))
            {
                var line = new StringBuilder();
                int count = 0;
                foreach (float value in values)
                {
                    var bytes = BitConverter.GetBytes(value);
                    if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
                    foreach (byte b in bytes)
                    {
                        line.Append(b.ToString(CultureInfo.InvariantCulture)).Append(',');
                        if (++count % 64 != 0) continue;
                        writer.Line(line.ToString());
                        line.Clear();
                    }
                }
                if (line.Length > 0) writer.Line(line.ToString());
            }
        }

        /// <summary>A file name inside an XML doc comment.</summary>
        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
