using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen
{
    /// <summary>
    /// The dense-layer kernels that generated networks call with constant sizes. Matrices are
    /// row-major; a kernel W is [inputs × units]. Each entry point checks its spans once, then runs
    /// unchecked register-blocked loops.
    /// </summary>
    public static unsafe class DenseKernels
    {
        /// <summary>
        /// Forward pass of a dense layer over a batch: z = x·W + b, a = f(z). Pass an empty
        /// <paramref name="preActivation"/> in inference, where z is not kept.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Forward<TActivation>(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
            Span<float> preActivation, Span<float> output, int batchSize, int inputs, int units, TActivation activation)
            where TActivation : struct, IActivation
        {
            Require(input.Length >= batchSize * inputs, nameof(input));
            Require(kernel.Length >= inputs * units, nameof(kernel));
            Require(bias.IsEmpty || bias.Length >= units, nameof(bias));
            Require(preActivation.IsEmpty || preActivation.Length >= batchSize * units, nameof(preActivation));
            Require(output.Length >= batchSize * units, nameof(output));
            fixed (float* x = input, w = kernel, b = bias, z = preActivation, a = output)
            {
                var epilogue = new DenseForwardEpilogue<TActivation>(b, z, a, units, activation);
                if (batchSize == 1) Gemm.MultiplyRow(x, 1, w, 0, units, inputs, epilogue);
                else Gemm.Multiply(x, inputs, 1, w, batchSize, units, inputs, epilogue);
            }
        }

        /// <summary>
        /// Weight and bias gradients of a dense layer: ∂L/∂W = xᵀ·δ and ∂L/∂b = Σ over the batch of δ,
        /// where δ = ∂L/∂z. Overwrites both gradient spans (pass an empty bias gradient for no bias).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void WeightGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> kernelGradient, Span<float> biasGradient,
            int batchSize, int inputs, int units)
        {
            Require(input.Length >= batchSize * inputs, nameof(input));
            Require(delta.Length >= batchSize * units, nameof(delta));
            Require(kernelGradient.Length >= inputs * units, nameof(kernelGradient));
            Require(biasGradient.IsEmpty || biasGradient.Length >= units, nameof(biasGradient));
            fixed (float* x = input, d = delta, gw = kernelGradient)
            {
                // xᵀ is read in place: element (i, b) of xᵀ is x[b·inputs + i].
                Gemm.Multiply(x, 1, inputs, d, inputs, units, batchSize, new StoreEpilogue(gw, units));
            }
            if (!biasGradient.IsEmpty) SumRows(delta, biasGradient, batchSize, units);
        }

        /// <summary>
        /// Gradient into the layer below: δ_below = (δ·Wᵀ) ⊙ f′(z_below), where f is the activation of
        /// the layer below and z_below, a_below its pre-activation and output.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void InputGradients<TActivation>(ReadOnlySpan<float> delta, ReadOnlySpan<float> kernel,
            ReadOnlySpan<float> belowPreActivation, ReadOnlySpan<float> belowOutput, Span<float> belowDelta,
            int batchSize, int inputs, int units, TActivation belowActivation)
            where TActivation : struct, IActivation
        {
            Require(delta.Length >= batchSize * units, nameof(delta));
            Require(kernel.Length >= inputs * units, nameof(kernel));
            Require(belowPreActivation.Length >= batchSize * inputs, nameof(belowPreActivation));
            Require(belowOutput.Length >= batchSize * inputs, nameof(belowOutput));
            Require(belowDelta.Length >= batchSize * inputs, nameof(belowDelta));
            fixed (float* d = delta, w = kernel, z = belowPreActivation, a = belowOutput, dBelow = belowDelta)
            {
                Gemm.MultiplyTransposed(d, w, batchSize, inputs, units,
                    new ActivationGradientEpilogue<TActivation>(dBelow, z, a, inputs, belowActivation));
            }
        }

        /// <summary>Gradient with respect to the network's inputs: ∂L/∂x = δ·Wᵀ for the first layer.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void InputGradients(ReadOnlySpan<float> delta, ReadOnlySpan<float> kernel, Span<float> inputGradient, int batchSize, int inputs, int units)
        {
            Require(delta.Length >= batchSize * units, nameof(delta));
            Require(kernel.Length >= inputs * units, nameof(kernel));
            Require(inputGradient.Length >= batchSize * inputs, nameof(inputGradient));
            fixed (float* d = delta, w = kernel, dx = inputGradient)
            {
                Gemm.MultiplyTransposed(d, w, batchSize, inputs, units, new StoreEpilogue(dx, inputs));
            }
        }

        /// <summary>
        /// Turns ∂L/∂a into ∂L/∂z in place for an element-wise activation: δ ← δ ⊙ f′(z). Used on the
        /// output layer when the loss is not fused with its activation (mean squared error).
        /// </summary>
        public static void MultiplyByDerivative<TActivation>(Span<float> delta, ReadOnlySpan<float> preActivation, ReadOnlySpan<float> output, int count, TActivation activation)
            where TActivation : struct, IActivation
        {
            Require(delta.Length >= count && preActivation.Length >= count && output.Length >= count, nameof(delta));
            ref float d = ref MemoryMarshal.GetReference(delta);
            ref float z = ref MemoryMarshal.GetReference(preActivation);
            ref float a = ref MemoryMarshal.GetReference(output);
            int i = 0;
            for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
            {
                var derivative = activation.Derivative(VectorMath.Load(ref Unsafe.Add(ref z, i)), VectorMath.Load(ref Unsafe.Add(ref a, i)));
                VectorMath.Store(VectorMath.Load(ref Unsafe.Add(ref d, i)) * derivative, ref Unsafe.Add(ref d, i));
            }
            for (; i < count; i++)
                Unsafe.Add(ref d, i) *= activation.Derivative(Unsafe.Add(ref z, i), Unsafe.Add(ref a, i));
        }

        /// <summary>column sums: destination[j] = Σ_r source[r·columns + j].</summary>
        private static void SumRows(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
        {
            destination.Slice(0, columns).Clear();
            ref float s = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            for (int r = 0; r < rows; r++)
            {
                ref float row = ref Unsafe.Add(ref s, r * columns);
                int j = 0;
                for (; j <= columns - Vector<float>.Count; j += Vector<float>.Count)
                    VectorMath.Store(VectorMath.Load(ref Unsafe.Add(ref dst, j)) + VectorMath.Load(ref Unsafe.Add(ref row, j)), ref Unsafe.Add(ref dst, j));
                for (; j < columns; j++) Unsafe.Add(ref dst, j) += Unsafe.Add(ref row, j);
            }
        }

        private static void Require(bool condition, string name)
        {
            if (!condition) throw new ArgumentException("The span is too short for the layer's shape and batch size.", name);
        }
    }
}
