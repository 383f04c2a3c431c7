using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen
{
    /// <summary>
    /// Plain stochastic gradient descent, θ ← θ − η·g. The default learning rate 0.01 follows both
    /// Keras (<c>SGD(learning_rate=0.01)</c>) and PyTorch's conventional choice.
    /// </summary>
    public sealed class Sgd : IOptimizer
    {
        /// <summary>Creates the optimizer.</summary>
        public Sgd(float learningRate = 0.01f)
        {
            if (!(learningRate > 0f) || float.IsInfinity(learningRate))
                throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive finite number.");
            LearningRate = learningRate;
        }

        /// <inheritdoc />
        public float LearningRate { get; set; }

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            if (parameters.Length != gradients.Length)
                throw new ArgumentException("Parameters and gradients must have the same length.", nameof(gradients));
            float rate = LearningRate;
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            int n = parameters.Length;
            int i = 0;
            var minusRate = new Vector<float>(-rate);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                ref float pi = ref Unsafe.Add(ref p, i);
                VectorMath.Store(VectorMath.MultiplyAdd(VectorMath.Load(ref Unsafe.Add(ref g, i)), minusRate, VectorMath.Load(ref pi)), ref pi);
            }
            for (; i < n; i++)
                Unsafe.Add(ref p, i) -= rate * Unsafe.Add(ref g, i);
        }
    }
}
