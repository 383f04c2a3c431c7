using System.Collections.Generic;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// Groups the walked steps into NetGen layers: [input normalization] then, per layer, a dense step,
    /// per-feature affine steps (folded into kernel and bias), an optional batch norm, an optional
    /// activation, and after it an optional batch norm or affine (a batch norm in inference form); a final
    /// Softmax, LogSoftmax or Sigmoid is the output.
    /// </summary>
    internal static class ChainAssembler
    {
        public static ImportedNetwork? Assemble(List<ChainStep> steps, List<string> problems)
        {
            if (!steps.Exists(step => step is DenseStep))
                return Fail<ImportedNetwork>(problems, "the graph has no dense layer (Gemm, or MatMul with a weight initializer)");
            int at = 0;
            var normalization = Normalization(steps, ref at, problems);
            if (problems.Count > 0) return null;
            var layers = new List<ImportedLayer>();
            var output = ImportedOutput.None;
            while (at < steps.Count)
            {
                if (steps[at] is SoftmaxStep softmax && layers.Count > 0)
                {
                    if (at != steps.Count - 1) return Fail<ImportedNetwork>(problems, $"node '{softmax.Node.Label}' ({softmax.Node.OpType}) is followed by node '{steps[at + 1].Node.Label}' ({steps[at + 1].Node.OpType}); a softmax is supported only as the graph's last step");
                    output = softmax.Log ? ImportedOutput.LogSoftmax : ImportedOutput.Softmax;
                    break;
                }
                if (steps[at] is not DenseStep dense)
                    return Fail<ImportedNetwork>(problems, $"node '{steps[at].Node.Label}' ({steps[at].Node.OpType}) follows {(at == 0 ? "the input" : $"node '{steps[at - 1].Node.Label}' ({steps[at - 1].Node.OpType})")} where a dense layer (Gemm or MatMul) is expected");
                var layer = Layer(steps, ref at, dense, problems);
                if (layer is null) return null;
                layers.Add(layer);
            }
            // A graph ending in Sigmoid right after the last layer: the output activation (binary cross-entropy).
            var last = layers[layers.Count - 1];
            if (output == ImportedOutput.None && last.Activation == Act.Sigmoid && last.BatchNorm is not { Placement: BatchNormPlacement.AfterActivation } && steps[steps.Count - 1] is ActivationStep)
            {
                layers[layers.Count - 1] = last with { Activation = Act.Linear };
                output = ImportedOutput.Sigmoid;
            }
            return new ImportedNetwork(layers[0].Inputs, layers.ToArray(), output, Expand(normalization, layers[0].Inputs));
        }

        /// <summary>Sub(mean) then Div(std) before the first dense layer (either may be missing).</summary>
        private static (float[]? Mean, float[]? Std)? Normalization(List<ChainStep> steps, ref int at, List<string> problems)
        {
            float[]? mean = null, std = null;
            for (; at < steps.Count && steps[at] is not DenseStep; at++)
            {
                var step = steps[at];
                if (step is ElementwiseStep { Op: "Sub" } sub && mean is null && std is null) mean = sub.Values;
                else if (step is ElementwiseStep { Op: "Div" } div && std is null) std = div.Values;
                else
                {
                    problems.Add($"node '{step.Node.Label}' ({step.Node.OpType}) comes before the first dense layer; only input normalization (Sub of the mean, then Div by the standard deviation) may");
                    return null;
                }
            }
            return mean is null && std is null ? null : (mean, std);
        }

        private static ImportedLayer? Layer(List<ChainStep> steps, ref int at, DenseStep dense, List<string> problems)
        {
            var kernel = (float[])dense.Kernel.Clone();
            var bias = dense.Bias is null ? null : (float[])dense.Bias.Clone();
            int units = dense.Units;
            for (at++; at < steps.Count && steps[at] is ElementwiseStep affine; at++)
            {
                // Before the activation a per-unit affine is exact to fold: (xW + b)·s + t = x(W·s) + (b·s + t).
                var (scale, shift) = Affine(affine);
                for (int row = 0; row < dense.Inputs; row++)
                    for (int unit = 0; unit < units; unit++) kernel[row * units + unit] *= scale[unit];
                if (bias is not null)
                    for (int unit = 0; unit < units; unit++) bias[unit] = bias[unit] * scale[unit] + shift[unit];
                else if (affine.Op is "Add" or "Sub")
                    bias = shift;
            }
            ImportedBatchNorm? norm = null;
            if (at < steps.Count && steps[at] is BatchNormStep before)
            {
                norm = new ImportedBatchNorm(BatchNormPlacement.BeforeActivation, before.Epsilon, before.Gamma, before.Beta, before.Mean, before.Variance);
                at++;
            }
            var activation = Act.Linear;
            float alpha = 0;
            if (at < steps.Count && steps[at] is ActivationStep applied)
            {
                (activation, alpha) = (applied.Activation, applied.Alpha);
                at++;
                var after = AfterActivation(steps, ref at, units);
                if (after is not null && norm is not null)
                    return Fail<ImportedLayer>(problems, $"node '{dense.Node.Label}' ({dense.Node.OpType}) has a batch normalization both before and after its activation; NetGen layers have one");
                norm ??= after;
            }
            if (at < steps.Count && steps[at] is not (DenseStep or SoftmaxStep))
                return Fail<ImportedLayer>(problems, $"node '{steps[at].Node.Label}' ({steps[at].Node.OpType}) follows node '{steps[at - 1].Node.Label}' ({steps[at - 1].Node.OpType}) in layer '{dense.Node.Label}', where only an activation, a batch norm or the next dense layer is recognised");
            return new ImportedLayer(dense.Node.Label, dense.Inputs, units, activation, alpha, kernel, bias, norm);
        }

        /// <summary>A BatchNormalization, or Mul/Add affines (a batch norm an exporter folded: mean 0, variance 1, ε 0).</summary>
        private static ImportedBatchNorm? AfterActivation(List<ChainStep> steps, ref int at, int units)
        {
            if (at < steps.Count && steps[at] is BatchNormStep norm)
            {
                at++;
                return new ImportedBatchNorm(BatchNormPlacement.AfterActivation, norm.Epsilon, norm.Gamma, norm.Beta, norm.Mean, norm.Variance);
            }
            if (at >= steps.Count || steps[at] is not ElementwiseStep) return null;
            var gamma = Filled(units, 1f);
            var beta = new float[units];
            for (; at < steps.Count && steps[at] is ElementwiseStep affine; at++)
            {
                var (scale, shift) = Affine(affine);
                for (int unit = 0; unit < units; unit++)
                {
                    gamma[unit] *= scale[unit];
                    beta[unit] = beta[unit] * scale[unit] + shift[unit];
                }
            }
            return new ImportedBatchNorm(BatchNormPlacement.AfterActivation, 0f, gamma, beta, new float[units], Filled(units, 1f));
        }

        /// <summary>The step as y = x·scale + shift.</summary>
        private static (float[] Scale, float[] Shift) Affine(ElementwiseStep step)
        {
            int count = step.Values.Length;
            var scale = Filled(count, 1f);
            var shift = new float[count];
            for (int i = 0; i < count; i++)
            {
                float value = step.Values[i];
                switch (step.Op)
                {
                    case "Add": shift[i] = value; break;
                    case "Sub": shift[i] = -value; break;
                    case "Mul": scale[i] = value; break;
                    default: scale[i] = 1f / value; break;
                }
            }
            return (scale, shift);
        }

        /// <summary>Mean and variance = std² (the exporter writes std = max(√variance, 1e-7)); a scalar repeats per feature.</summary>
        private static ImportedNormalization? Expand((float[]? Mean, float[]? Std)? normalization, int inputs)
        {
            if (normalization is not { } found) return null;
            var mean = new float[inputs];
            var variance = Filled(inputs, 1f);
            for (int i = 0; i < inputs; i++)
            {
                if (found.Mean is { } m) mean[i] = m.Length == 1 ? m[0] : m[i];
                if (found.Std is { } s)
                {
                    float std = s.Length == 1 ? s[0] : s[i];
                    variance[i] = std * std;
                }
            }
            return new ImportedNormalization(mean, variance);
        }

        private static float[] Filled(int count, float value)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++) values[i] = value;
            return values;
        }

        private static T? Fail<T>(List<string> problems, string problem)
            where T : class
        {
            problems.Add(problem);
            return null;
        }
    }
}
