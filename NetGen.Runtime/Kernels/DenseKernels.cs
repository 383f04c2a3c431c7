using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Generated
{
    /// <summary>
    /// The dense-layer kernels that generated networks call with constant sizes. Matrices are
    /// row-major; a kernel W is [inputs × units]. Each entry point checks its spans once, then runs
    /// unchecked register-blocked loops.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
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
            => Forward(input, kernel, bias, preActivation, output, batchSize, inputs, units, activation, threads: 1);

        /// <summary>
        /// <see cref="Forward{TActivation}(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int, int, int, TActivation)"/>
        /// on up to <paramref name="threads"/> threads when the product is large enough to pay for it.
        /// The result is the same whatever the number of threads.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Forward<TActivation>(ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias,
            Span<float> preActivation, Span<float> output, int batchSize, int inputs, int units, TActivation activation, int threads)
            where TActivation : struct, IActivation
        {
            Require(SizeMath.Fits(input.Length, batchSize, inputs), nameof(input));
            Require(SizeMath.Fits(kernel.Length, inputs, units), nameof(kernel));
            Require(bias.IsEmpty || bias.Length >= units, nameof(bias));
            Require(preActivation.IsEmpty || SizeMath.Fits(preActivation.Length, batchSize, units), nameof(preActivation));
            Require(SizeMath.Fits(output.Length, batchSize, units), nameof(output));
            fixed (float* x = input, w = kernel, b = bias, z = preActivation, a = output)
            {
                if (IsCheap<TActivation>())
                {
                    // Bias and activation fused into the product's single write.
                    var epilogue = new DenseForwardEpilogue<TActivation>(b, z, a, units, activation);
                    ParallelGemm.Multiply(x, inputs, 1, w, batchSize, units, inputs, epilogue, threads);
                }
                else
                {
                    // Exponential-based activations: the product writes z = x·W + b, then one flat pass
                    // over the batch applies f. Inlined into every tile's stores, e^x made the tiles too
                    // large to inline and ran one dependent chain at a time (SELU layers 100 wide: 2.8×
                    // the time of ReLU); as a loop over contiguous memory it pipelines, and every value,
                    // the rows' ends included, goes through the same vector arithmetic.
                    float* linear = z != null ? z : a;
                    var epilogue = new DenseForwardEpilogue<LinearActivation>(b, null, linear, units, default);
                    ParallelGemm.Multiply(x, inputs, 1, w, batchSize, units, inputs, epilogue, threads);
                    ActivationMath.Apply(new ReadOnlySpan<float>(linear, batchSize * units), new Span<float>(a, batchSize * units), activation);
                }
            }
        }

        /// <summary>
        /// Weight and bias gradients of a dense layer: ∂L/∂W = xᵀ·δ and ∂L/∂b = Σ over the batch of δ,
        /// where δ = ∂L/∂z. Overwrites both gradient spans (pass an empty bias gradient for no bias).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void WeightGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> kernelGradient, Span<float> biasGradient,
            int batchSize, int inputs, int units)
            => WeightGradients(input, delta, kernelGradient, biasGradient, batchSize, inputs, units, threads: 1);

        /// <summary>The weight and bias gradients on up to <paramref name="threads"/> threads; same result whatever the number.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void WeightGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> delta, Span<float> kernelGradient, Span<float> biasGradient,
            int batchSize, int inputs, int units, int threads)
        {
            Require(SizeMath.Fits(input.Length, batchSize, inputs), nameof(input));
            Require(SizeMath.Fits(delta.Length, batchSize, units), nameof(delta));
            Require(SizeMath.Fits(kernelGradient.Length, inputs, units), nameof(kernelGradient));
            Require(biasGradient.IsEmpty || biasGradient.Length >= units, nameof(biasGradient));
            fixed (float* x = input, d = delta, gw = kernelGradient)
            {
                // xᵀ is read in place: element (i, b) of xᵀ is x[b·inputs + i].
                ParallelGemm.Multiply(x, 1, inputs, d, inputs, units, batchSize, new StoreEpilogue(gw, units), threads);
            }
            if (!biasGradient.IsEmpty) SumRows(delta, biasGradient, batchSize, units);
        }

        /// <summary>
        /// Gradient into the layer below: δ_below = (δ·Wᵀ) ⊙ f′(z_below), where f is the activation of
        /// the layer below and z_below, a_below its pre-activation and output. Wᵀ is first written into
        /// <paramref name="transposedKernel"/> ([units × inputs], rows padded: at least <see cref="TransposedKernelLength"/> floats) so that
        /// the product runs on the same register-blocked kernel as the forward pass, streaming rows.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void InputGradients<TActivation>(ReadOnlySpan<float> delta, ReadOnlySpan<float> kernel, Span<float> transposedKernel,
            ReadOnlySpan<float> belowPreActivation, ReadOnlySpan<float> belowOutput, Span<float> belowDelta,
            int batchSize, int inputs, int units, TActivation belowActivation, int threads = 1)
            where TActivation : struct, IActivation
        {
            Require(SizeMath.Fits(delta.Length, batchSize, units), nameof(delta));
            Require(SizeMath.Fits(kernel.Length, inputs, units), nameof(kernel));
            Require(transposedKernel.Length >= TransposedKernelLength(inputs, units), nameof(transposedKernel));
            Require(SizeMath.Fits(belowPreActivation.Length, batchSize, inputs), nameof(belowPreActivation));
            Require(SizeMath.Fits(belowOutput.Length, batchSize, inputs), nameof(belowOutput));
            Require(SizeMath.Fits(belowDelta.Length, batchSize, inputs), nameof(belowDelta));
            fixed (float* d = delta, w = kernel, wt = transposedKernel, z = belowPreActivation, a = belowOutput, dBelow = belowDelta)
            {
                int stride = KernelLayout.TransposedStride(inputs);
                Transposition.Transpose(w, wt, inputs, units, stride, threads);
                ParallelGemm.Multiply(d, units, 1, wt, stride, batchSize, inputs, units,
                    new ActivationGradientEpilogue<TActivation>(dBelow, z, a, inputs, belowActivation), threads);
            }
        }

        /// <summary>
        /// Gradient with respect to the layer's inputs, ∂L/∂x = δ·Wᵀ: for the first layer, and below a
        /// layer whose batch-norm or dropout stage takes it from there. Wᵀ goes through
        /// <paramref name="transposedKernel"/> as in the overload above.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void InputGradients(ReadOnlySpan<float> delta, ReadOnlySpan<float> kernel, Span<float> transposedKernel, Span<float> inputGradient,
            int batchSize, int inputs, int units, int threads = 1)
        {
            Require(SizeMath.Fits(delta.Length, batchSize, units), nameof(delta));
            Require(SizeMath.Fits(kernel.Length, inputs, units), nameof(kernel));
            Require(transposedKernel.Length >= TransposedKernelLength(inputs, units), nameof(transposedKernel));
            Require(SizeMath.Fits(inputGradient.Length, batchSize, inputs), nameof(inputGradient));
            fixed (float* d = delta, w = kernel, wt = transposedKernel, dx = inputGradient)
            {
                int stride = KernelLayout.TransposedStride(inputs);
                Transposition.Transpose(w, wt, inputs, units, stride, threads);
                ParallelGemm.Multiply(d, units, 1, wt, stride, batchSize, inputs, units, new StoreEpilogue(dx, inputs), threads);
            }
        }

        /// <summary>
        /// Floats the <c>transposedKernel</c> workspace of <see cref="InputGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int, int, int, int)"/>
        /// needs for a layer: Wᵀ is stored with its rows padded off power-of-two strides (at most 31 floats each).
        /// </summary>
        public static int TransposedKernelLength(int inputs, int units) => KernelLayout.TransposedLength(inputs, units);

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

        /// <summary>Activations cheap enough to fuse into the product's stores (no exponential).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsCheap<TActivation>() where TActivation : struct, IActivation =>
            typeof(TActivation) == typeof(ReluActivation) || typeof(TActivation) == typeof(LinearActivation) || typeof(TActivation) == typeof(LeakyReluActivation);

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
