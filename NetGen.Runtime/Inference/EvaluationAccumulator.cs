using System;

namespace NetGen
{
    /// <summary>
    /// Sums what <see cref="EvaluationResult"/> needs chunk by chunk: the loss weighted by chunk size, correct
    /// predictions, and per output the absolute and squared errors (R²'s total sum of squares needs the targets'
    /// means, taken from all targets up front).
    /// </summary>
    internal sealed class EvaluationAccumulator
    {
        private readonly INetwork _network;
        private readonly int _rows;
        private readonly bool _regression;
        private readonly double[] _targetMeans;
        private readonly double[] _residualSquares;
        private readonly double[] _totalSquares;
        private double _lossSum;
        private double _absoluteSum;
        private long _correct;
        private long _predictions;

        public EvaluationAccumulator(INetwork network, ReadOnlySpan<float> targets, int rows)
        {
            _network = network;
            _rows = rows;
            _regression = !Accuracy.AppliesTo(network.Loss);
            int outputs = _regression ? network.OutputSize : 0;
            _targetMeans = new double[outputs];
            _residualSquares = new double[outputs];
            _totalSquares = new double[outputs];
            for (int i = 0; _regression && i < targets.Length; i++) _targetMeans[i % outputs] += targets[i];
            for (int j = 0; j < outputs; j++) _targetMeans[j] /= rows;
        }

        public void Add(float loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int count)
        {
            _lossSum += (double)loss * count;
            if (!_regression)
            {
                _correct += Accuracy.Correct(_network.Loss, outputs, targets, count, _network.OutputSize);
                _predictions += Accuracy.Count(_network.Loss, count, _network.OutputSize);
                return;
            }
            int width = _network.OutputSize;
            for (int i = 0; i < count * width; i++)
            {
                double error = (double)outputs[i] - targets[i], centered = targets[i] - _targetMeans[i % width];
                _absoluteSum += Math.Abs(error);
                _residualSquares[i % width] += error * error;
                _totalSquares[i % width] += centered * centered;
            }
        }

        public EvaluationResult Result()
        {
            double loss = _lossSum / _rows;
            if (!_regression) return new EvaluationResult(loss, (double)_correct / _predictions, null, null, null, _rows);
            int width = _network.OutputSize;
            double values = (double)_rows * width, squares = 0, r2 = 0;
            for (int j = 0; j < width; j++)
            {
                squares += _residualSquares[j];
                // scikit-learn's force_finite: a constant target scores 1 when predicted exactly, 0 otherwise.
                r2 += _totalSquares[j] > 0 ? 1 - _residualSquares[j] / _totalSquares[j] : (_residualSquares[j] == 0 ? 1 : 0);
            }
            return new EvaluationResult(loss, null, _absoluteSum / values, Math.Sqrt(squares / values), r2 / width, _rows);
        }
    }
}
