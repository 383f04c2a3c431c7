using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// The health recorder of <see cref="FitOptions.RecordHealth"/>, as a callback: accumulates per-layer
    /// health statistics over an epoch's steps and turns them into <see cref="LayerHealth"/> records (each
    /// epoch's <see cref="EpochMetrics.Health"/>) and <see cref="TrainingWarning"/>s. Allocation-free per step.
    /// </summary>
    internal sealed class HealthMonitor : TrainingCallback
    {
        /// <summary>Lowest/top ratio of per-parameter (RMS) gradients below which gradients count as vanishing (two orders of magnitude).</summary>
        public const double VanishingRatio = 1e-2;

        /// <summary>Growth of a layer's gradient norm over its first epoch's that counts as exploding (three orders of magnitude).</summary>
        public const double ExplodingGrowth = 1e3;

        /// <summary>Fraction of dead units above which a ReLU layer is reported as dying.</summary>
        public const double DyingFraction = 0.5;

        private readonly INetwork _network;
        private readonly Action<TrainingWarning>? _warningRaised;
        private readonly double[] _gradient, _update, _mean, _std, _dead, _saturated;
        private readonly double[] _firstGradient;
        private readonly HashSet<(TrainingWarningKind, int)> _reported = new();
        private int _steps;

        public HealthMonitor(INetwork network, Action<TrainingWarning>? warningRaised = null)
        {
            _network = network;
            _warningRaised = warningRaised;
            int layers = network.Layers.Count;
            _gradient = new double[layers];
            _update = new double[layers];
            _mean = new double[layers];
            _std = new double[layers];
            _dead = new double[layers];
            _saturated = new double[layers];
            _firstGradient = new double[layers];
        }

        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch) => Record(context.ParametersBeforeUpdate, batch.Samples);

        /// <summary>Puts the epoch's averages into its metrics; adds new warnings to the history and raises them.</summary>
        internal override EpochMetrics CompleteEpochMetrics(TrainingContext context, EpochMetrics metrics)
        {
            var warnings = context.History.WarningList;
            int warningsBefore = warnings.Count;
            var health = EndEpoch(metrics.Epoch, warnings);
            for (int w = warningsBefore; w < warnings.Count; w++) _warningRaised?.Invoke(warnings[w]);
            return metrics with { Health = health };
        }

        /// <summary>Records one step: gradients and activations of the forward/backward just run, and the parameters before the update.</summary>
        public void Record(ReadOnlySpan<float> parametersBefore, int batchSize)
        {
            var parameters = _network.Parameters;
            var gradients = _network.Gradients;
            for (int l = 0; l < _network.Layers.Count; l++)
            {
                var layer = _network.Layers[l];
                var range = (layer.KernelOffset, layer.ParameterCount);
                _gradient[l] += Norm(gradients.Slice(range.KernelOffset, range.ParameterCount));
                double weight = Norm(parametersBefore.Slice(range.KernelOffset, range.ParameterCount));
                double change = Distance(parameters.Slice(range.KernelOffset, range.ParameterCount), parametersBefore.Slice(range.KernelOffset, range.ParameterCount));
                _update[l] += weight > 0 ? change / weight : 0;
                Activations(layer, _network.LayerActivations(l), batchSize, l);
            }
            _steps++;
        }

        private void Activations(DenseLayerInfo layer, ReadOnlySpan<float> values, int batchSize, int l)
        {
            if (values.IsEmpty) return;
            double sum = 0, squares = 0;
            int saturated = 0;
            foreach (float v in values)
            {
                sum += v;
                squares += (double)v * v;
                if (layer.Activation == Act.Sigmoid ? v < 0.01f || v > 0.99f : layer.Activation == Act.Tanh && Math.Abs(v) > 0.99f) saturated++;
            }
            double mean = sum / values.Length;
            _mean[l] += mean;
            _std[l] += Math.Sqrt(Math.Max(0, squares / values.Length - mean * mean));
            _saturated[l] += (double)saturated / values.Length;
            if (layer.Activation != Act.Relu) return;
            int dead = 0;
            for (int unit = 0; unit < layer.Units; unit++)
            {
                bool alive = false;
                for (int b = 0; b < batchSize && !alive; b++) alive = values[b * layer.Units + unit] > 0f;
                if (!alive) dead++;
            }
            _dead[l] += (double)dead / layer.Units;
        }

        /// <summary>The epoch's averages; adds any new warning to <paramref name="warnings"/>; resets for the next epoch.</summary>
        public LayerHealth[] EndEpoch(int epoch, List<TrainingWarning> warnings)
        {
            int layers = _network.Layers.Count;
            var health = new LayerHealth[layers];
            double steps = Math.Max(1, _steps);
            for (int l = 0; l < layers; l++)
            {
                var act = _network.Layers[l].Activation;
                bool output = l == layers - 1;
                double norm = _gradient[l] / steps;
                health[l] = new LayerHealth(l, norm, norm / Math.Sqrt(_network.Layers[l].ParameterCount), _update[l] / steps, _mean[l] / steps, _std[l] / steps,
                    act == Act.Relu && !output ? _dead[l] / steps : null,
                    (act is Act.Sigmoid or Act.Tanh) && !output ? _saturated[l] / steps : null);
                if (epoch == 1) _firstGradient[l] = health[l].GradientNorm;
            }
            Detect(epoch, health, warnings);
            Array.Clear(_gradient, 0, layers);
            Array.Clear(_update, 0, layers);
            Array.Clear(_mean, 0, layers);
            Array.Clear(_std, 0, layers);
            Array.Clear(_dead, 0, layers);
            Array.Clear(_saturated, 0, layers);
            _steps = 0;
            return health;
        }

        private void Detect(int epoch, LayerHealth[] health, List<TrainingWarning> warnings)
        {
            var inv = CultureInfo.InvariantCulture;
            double top = health[^1].GradientRms;
            if (top > 0 && health[0].GradientRms < VanishingRatio * top)
                Warn(warnings, epoch, 0, TrainingWarningKind.VanishingGradients, string.Format(inv,
                    "vanishing gradients: layer 0's RMS gradient {0:G3} is {1:F1} orders of magnitude below the output layer's {2:G3}",
                    health[0].GradientRms, Math.Log10(top / Math.Max(health[0].GradientRms, double.Epsilon)), top));
            foreach (var layer in health)
            {
                if (!double.IsFinite(layer.GradientNorm) || (_firstGradient[layer.Layer] > 0 && layer.GradientNorm > ExplodingGrowth * _firstGradient[layer.Layer]))
                    Warn(warnings, epoch, layer.Layer, TrainingWarningKind.ExplodingGradients, string.Format(inv,
                        "exploding gradients: layer {0}'s gradient norm is {1:G3}, against {2:G3} in the first epoch", layer.Layer, layer.GradientNorm, _firstGradient[layer.Layer]));
                if (layer.DeadFraction > DyingFraction)
                    Warn(warnings, epoch, layer.Layer, TrainingWarningKind.DyingRelu, string.Format(inv,
                        "dying ReLUs: {0:P0} of layer {1}'s units output 0 for whole batches", layer.DeadFraction, layer.Layer));
            }
        }

        private void Warn(List<TrainingWarning> warnings, int epoch, int layer, TrainingWarningKind kind, string message)
        {
            if (_reported.Add((kind, layer))) warnings.Add(new TrainingWarning(epoch, layer, kind, $"epoch {epoch}, " + message));
        }

        private static double Norm(ReadOnlySpan<float> values)
        {
            double sum = 0;
            foreach (float v in values) sum += (double)v * v;
            return Math.Sqrt(sum);
        }

        private static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                double d = a[i] - b[i];
                sum += d * d;
            }
            return Math.Sqrt(sum);
        }
    }
}
