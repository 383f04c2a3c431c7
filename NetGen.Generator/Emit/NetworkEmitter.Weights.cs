using System;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// A network that imports trained weights ([Weights], [OnnxModel]): the values are embedded as
    /// <c>ReadOnlySpan&lt;byte&gt;</c> properties over base64 UTF-8 literals (the compiler stores them in the
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
                // No initializer draw: every parameter is overwritten by the trained values (drawing L's 2.9M
                // first was 75-80 ms of a 90 ms NativeAOT cold start).
                writer.Line($"public {spec.TypeName}() {{ InitializeAllButParameters({seed}); LoadTrainedWeights(); }}");
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
            writer.Line($"// {trained.Parameters.Length} float32 parameters of {file} (SHA-256 {spec.Weights.Hash}), little-endian, base64.");
            WriteBytes(writer, "TrainedParameters", trained.Parameters);
            if (!spec.HasBatchNorm) return;
            writer.Line($"// {trained.State.Length} float32 batch-norm statistics (moving mean and variance), little-endian, base64.");
            WriteBytes(writer, "TrainedState", trained.State);
        }

        /// <summary>
        /// The values' little-endian bytes as one base64 UTF-8 literal (<c>"…"u8</c>): the compiler stores it in the
        /// assembly's data as it stores a byte array, but lexes one token instead of binding one expression per
        /// byte, which for the 2.9M-parameter L network takes about 2 GB and 2 minutes of compiler instead of
        /// more than 5 GB and over 18 minutes (docs/BUILD-COST.md). The emitted source grows with the weights only here.
        /// </summary>
        private static void WriteBytes(SourceWriter writer, string name, float[] values)
        {
            var bytes = new byte[values.Length * sizeof(float)];
            for (int i = 0; i < values.Length; i++)
            {
                var value = BitConverter.GetBytes(values[i]);
                if (!BitConverter.IsLittleEndian) Array.Reverse(value);
                Array.Copy(value, 0, bytes, i * sizeof(float), sizeof(float));
            }
            writer.Line($"private static {RuntimeNames.ReadOnlySpanOfByte} {name} => \"{Convert.ToBase64String(bytes)}\"u8;");
        }

        /// <summary>A file name inside an XML doc comment.</summary>
        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
