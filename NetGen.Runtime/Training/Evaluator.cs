using System;

namespace NetGen
{
    /// <summary>Mean loss and accuracy of a network over a data set in inference mode, in chunks, with buffers allocated once.</summary>
    internal sealed class Evaluator
    {
        private readonly INetwork _network;
        private readonly int _batchSize;
        private readonly float[] _outputs;

        public Evaluator(INetwork network, int batchSize)
        {
            _network = network;
            _batchSize = Math.Max(1, batchSize);
            _outputs = new float[_batchSize * network.OutputSize];
        }

        public (double Loss, double? Accuracy) Run(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            int samples = inputs.Length / _network.InputSize;
            double lossSum = 0;
            long correct = 0, predictions = 0;
            bool hasAccuracy = NetGen.Accuracy.AppliesTo(_network.Loss);
            for (int start = 0; start < samples; start += _batchSize)
            {
                int count = Math.Min(_batchSize, samples - start);
                var batchTargets = targets.Slice(start * _network.TargetSize, count * _network.TargetSize);
                lossSum += (double)_network.Evaluate(inputs.Slice(start * _network.InputSize, count * _network.InputSize), batchTargets, _outputs, count) * count;
                if (!hasAccuracy) continue;
                correct += NetGen.Accuracy.Correct(_network.Loss, _outputs, batchTargets, count, _network.OutputSize);
                predictions += NetGen.Accuracy.Count(_network.Loss, count, _network.OutputSize);
            }
            return (lossSum / samples, hasAccuracy ? (double)correct / predictions : null);
        }
    }
}
