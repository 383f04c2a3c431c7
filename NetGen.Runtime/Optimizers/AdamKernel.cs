using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET10_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen
{
    /// <summary>
    /// The update shared by <see cref="Adam"/> and <see cref="AdamW"/>, in the operation order of
    /// PyTorch 1.13's single-tensor Adam: θ ← θ·(1 − ηλ_decoupled); g ← g + λθ; m ← β₁m + (1−β₁)g;
    /// v ← β₂v + (1−β₂)g²; v̂max ← max(v̂max, v) with AMSGrad;
    /// θ ← θ − (η/(1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε).
    /// </summary>
    internal static class AdamKernel
    {
        public static void Step(
            Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v, Span<float> vMax,
            long step, float rate, float beta1, float beta2, float epsilon, float l2, float decoupledDecay)
        {
            double learningRate = OptimizerGuard.Widen(rate);
            bool amsGrad = !vMax.IsEmpty;
            double b1 = OptimizerGuard.Widen(beta1), b2 = OptimizerGuard.Widen(beta2);
            double biasCorrection1 = 1.0 - Math.Pow(b1, step);
            double biasCorrection2 = 1.0 - Math.Pow(b2, step);
            var c = new Rule(
                beta1, (float)(1.0 - b1), beta2, (float)(1.0 - b2),
                (float)(1.0 / Math.Sqrt(biasCorrection2)), epsilon, (float)(-learningRate / biasCorrection1),
                l2, (float)(1.0 - learningRate * OptimizerGuard.Widen(decoupledDecay)), decoupledDecay != 0f, amsGrad);
            int i = 0;
#if NET10_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated && Vector<float>.Count < 16)
            {
                // Same operations lane by lane as Rule.Update, on 16 lanes: the sqrt and the division
                // are the update's bottleneck when the moments are in cache. Results are bit-identical.
                int n = parameters.Length;
                ref float p = ref MemoryMarshal.GetReference(parameters);
                ref float g = ref MemoryMarshal.GetReference(gradients);
                ref float mr = ref MemoryMarshal.GetReference(m);
                ref float vr = ref MemoryMarshal.GetReference(v);
                ref float vm = ref amsGrad ? ref MemoryMarshal.GetReference(vMax) : ref vr;
                var w = new Coefficients512(c);
                for (; i <= n - 16; i += 16)
                    Update512(ref Unsafe.Add(ref p, i), ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref mr, i), ref Unsafe.Add(ref vr, i), ref Unsafe.Add(ref vm, i), amsGrad, w);
            }
#endif
            UpdateDriver.Run(parameters.Slice(i), gradients.Slice(i), m.Slice(i), v.Slice(i), amsGrad ? vMax.Slice(i) : default, c);
        }

#if NET10_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Update512(ref float p, ref float g, ref float m, ref float v, ref float vMax, bool amsGrad, in Coefficients512 c)
        {
            var theta = Vector512.LoadUnsafe(ref p);
            if (c.HasDecoupledDecay) theta *= c.DecayFactor;
            var grad = Vector512.LoadUnsafe(ref g);
            if (c.HasL2) grad = Vector512.FusedMultiplyAdd(theta, c.L2, grad);
            var mean = Vector512.FusedMultiplyAdd(grad, c.OneMinusBeta1, Vector512.LoadUnsafe(ref m) * c.Beta1);
            var square = Vector512.LoadUnsafe(ref v) * c.Beta2 + c.OneMinusBeta2 * grad * grad;
            mean.StoreUnsafe(ref m);
            square.StoreUnsafe(ref v);
            if (amsGrad)
            {
                square = Vector512.Max(Vector512.LoadUnsafe(ref vMax), square);
                square.StoreUnsafe(ref vMax);
            }
            var denominator = Vector512.FusedMultiplyAdd(Vector512.Sqrt(square), c.InverseBiasCorrection2Sqrt, c.Epsilon);
            (theta + c.MinusStepSize * mean / denominator).StoreUnsafe(ref p);
        }

        private readonly struct Coefficients512
        {
            public Coefficients512(in Rule c)
            {
                Beta1 = Vector512.Create(c.Beta1[0]);
                OneMinusBeta1 = Vector512.Create(c.OneMinusBeta1[0]);
                Beta2 = Vector512.Create(c.Beta2[0]);
                OneMinusBeta2 = Vector512.Create(c.OneMinusBeta2[0]);
                InverseBiasCorrection2Sqrt = Vector512.Create(c.InverseBiasCorrection2Sqrt[0]);
                Epsilon = Vector512.Create(c.Epsilon[0]);
                MinusStepSize = Vector512.Create(c.MinusStepSize[0]);
                L2 = Vector512.Create(c.L2[0]);
                HasL2 = c.HasL2;
                DecayFactor = Vector512.Create(c.DecayFactor[0]);
                HasDecoupledDecay = c.HasDecoupledDecay;
            }

            public Vector512<float> Beta1 { get; }
            public Vector512<float> OneMinusBeta1 { get; }
            public Vector512<float> Beta2 { get; }
            public Vector512<float> OneMinusBeta2 { get; }
            public Vector512<float> InverseBiasCorrection2Sqrt { get; }
            public Vector512<float> Epsilon { get; }
            public Vector512<float> MinusStepSize { get; }
            public Vector512<float> L2 { get; }
            public bool HasL2 { get; }
            public Vector512<float> DecayFactor { get; }
            public bool HasDecoupledDecay { get; }
        }
#endif

        /// <summary>The update of one <see cref="Vector{T}"/> of parameters, moments and (with AMSGrad) maxima.</summary>
        private readonly struct Rule : IUpdateRule
        {
            public Rule(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float inverseBiasCorrection2Sqrt,
                float epsilon, float minusStepSize, float l2, float decayFactor, bool hasDecoupledDecay, bool amsGrad)
            {
                Beta1 = new Vector<float>(beta1);
                OneMinusBeta1 = new Vector<float>(oneMinusBeta1);
                Beta2 = new Vector<float>(beta2);
                OneMinusBeta2 = new Vector<float>(oneMinusBeta2);
                InverseBiasCorrection2Sqrt = new Vector<float>(inverseBiasCorrection2Sqrt);
                Epsilon = new Vector<float>(epsilon);
                MinusStepSize = new Vector<float>(minusStepSize);
                L2 = new Vector<float>(l2);
                HasL2 = l2 != 0f;
                DecayFactor = new Vector<float>(decayFactor);
                HasDecoupledDecay = hasDecoupledDecay;
                AmsGrad = amsGrad;
            }

            public Vector<float> Beta1 { get; }
            public Vector<float> OneMinusBeta1 { get; }
            public Vector<float> Beta2 { get; }
            public Vector<float> OneMinusBeta2 { get; }
            public Vector<float> InverseBiasCorrection2Sqrt { get; }
            public Vector<float> Epsilon { get; }
            public Vector<float> MinusStepSize { get; }
            public Vector<float> L2 { get; }
            public bool HasL2 { get; }
            public Vector<float> DecayFactor { get; }
            public bool HasDecoupledDecay { get; }
            public bool AmsGrad { get; }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float m, ref float v, ref float vMax)
            {
                var theta = VectorMath.Load(ref p);
                if (HasDecoupledDecay) theta *= DecayFactor;
                var grad = VectorMath.Load(ref g);
                if (HasL2) grad = VectorMath.MultiplyAdd(theta, L2, grad);
                var mean = VectorMath.MultiplyAdd(grad, OneMinusBeta1, VectorMath.Load(ref m) * Beta1);
                var square = VectorMath.Load(ref v) * Beta2 + OneMinusBeta2 * grad * grad;
                VectorMath.Store(mean, ref m);
                VectorMath.Store(square, ref v);
                if (AmsGrad)
                {
                    square = Vector.Max(VectorMath.Load(ref vMax), square);
                    VectorMath.Store(square, ref vMax);
                }
                // √v/√(1−β₂ᵗ) as a product with the reciprocal: one division per element instead of two
                // (the update's most expensive instruction); differs from PyTorch's quotient by ≤ 1 ulp.
                var denominator = VectorMath.MultiplyAdd(Vector.SquareRoot(square), InverseBiasCorrection2Sqrt, Epsilon);
                VectorMath.Store(theta + MinusStepSize * mean / denominator, ref p);
            }
        }
    }
}
