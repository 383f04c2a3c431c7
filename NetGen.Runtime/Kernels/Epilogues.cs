using System.Numerics;
using System.Runtime.CompilerServices;
using NetGen.Generated;

namespace NetGen
{
    /// <summary>Forward epilogue of a dense layer: adds the bias, keeps the pre-activation if asked, applies the activation.</summary>
    internal readonly unsafe struct DenseForwardEpilogue<TActivation> : IGemmEpilogue
        where TActivation : struct, IActivation
    {
        private readonly float* _bias;          // null when the layer has no bias
        private readonly float* _preActivation; // null in inference, where z is not needed
        private readonly float* _output;
        private readonly int _units;
        private readonly TActivation _activation;

        public DenseForwardEpilogue(float* bias, float* preActivation, float* output, int units, TActivation activation)
        {
            _bias = bias;
            _preActivation = preActivation;
            _output = output;
            _units = units;
            _activation = activation;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int row, int col, Vector<float> sums)
        {
            if (_bias != null) sums += VectorMath.Load(ref _bias[col]);
            int index = row * _units + col;
            if (_preActivation != null) VectorMath.Store(sums, ref _preActivation[index]);
            VectorMath.Store(_activation.Forward(sums), ref _output[index]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int row, int col, float sum)
        {
            if (_bias != null) sum += _bias[col];
            int index = row * _units + col;
            if (_preActivation != null) _preActivation[index] = sum;
            _output[index] = _activation.Forward(sum);
        }
    }

    /// <summary>Writes the sums unchanged into a row-major matrix (the weight gradient).</summary>
    internal readonly unsafe struct StoreEpilogue : IGemmEpilogue
    {
        private readonly float* _destination;
        private readonly int _columns;

        public StoreEpilogue(float* destination, int columns)
        {
            _destination = destination;
            _columns = columns;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int row, int col, Vector<float> sums) => VectorMath.Store(sums, ref _destination[row * _columns + col]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int row, int col, float sum) => _destination[row * _columns + col] = sum;
    }

    /// <summary>
    /// Backward epilogue into the layer below: multiplies ∂L/∂a of that layer by its activation's
    /// derivative, giving its ∂L/∂z (the chain rule through the element-wise activation).
    /// </summary>
    internal readonly unsafe struct ActivationGradientEpilogue<TActivation> : IGemmEpilogue
        where TActivation : struct, IActivation
    {
        private readonly float* _delta;
        private readonly float* _preActivation;
        private readonly float* _output;
        private readonly int _width;
        private readonly TActivation _activation;

        public ActivationGradientEpilogue(float* delta, float* preActivation, float* output, int width, TActivation activation)
        {
            _delta = delta;
            _preActivation = preActivation;
            _output = output;
            _width = width;
            _activation = activation;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int row, int col, Vector<float> sums)
        {
            int index = row * _width + col;
            var derivative = _activation.Derivative(VectorMath.Load(ref _preActivation[index]), VectorMath.Load(ref _output[index]));
            VectorMath.Store(sums * derivative, ref _delta[index]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(int row, int col, float sum)
        {
            int index = row * _width + col;
            _delta[index] = sum * _activation.Derivative(_preActivation[index], _output[index]);
        }
    }
}
