using System;
using System.Numerics;
using System.Runtime.CompilerServices;
#if NET10_0_OR_GREATER
using System.Runtime.InteropServices;
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
            var c = new Coefficients(
                beta1, (float)(1.0 - b1), beta2, (float)(1.0 - b2),
                (float)(1.0 / Math.Sqrt(biasCorrection2)), epsilon, (float)(-learningRate / biasCorrection1),
                l2, (float)(1.0 - learningRate * OptimizerGuard.Widen(decoupledDecay)), decoupledDecay != 0f, amsGrad);
            int i = 0;
#if NET10_0_OR_GREATER
            // The same rule on 16 lanes: the sqrt and the division are the update's bottleneck when the
            // moments are in cache. Results are bit-identical to the narrower vectors.
            if (Vector512.IsHardwareAccelerated && Vector<float>.Count < 16)
                i = UpdateWide(parameters, gradients, m, v, vMax, c);
#endif
            UpdateDriver.Run(parameters.Slice(i), gradients.Slice(i), m.Slice(i), v.Slice(i), amsGrad ? vMax.Slice(i) : default,
                new Rule<VectorLanes, Vector<float>>(c));
        }

#if NET10_0_OR_GREATER
        /// <summary>
        /// Updates the whole 16-value blocks and returns how many values it updated. A method of its own
        /// (like <see cref="UpdateDriver.Run"/>), so the JIT spends its inlining budget on the rule in
        /// this loop and not on the callers that inline <see cref="Step"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int UpdateWide(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v, Span<float> vMax, in Coefficients c)
        {
            var rule = new Rule<Vector512Lanes, Vector512<float>>(c);
            int n = parameters.Length;
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            ref float mr = ref MemoryMarshal.GetReference(m);
            ref float vr = ref MemoryMarshal.GetReference(v);
            ref float vm = ref c.AmsGrad ? ref MemoryMarshal.GetReference(vMax) : ref vr;
            int i = 0;
            for (; i <= n - 16; i += 16)
                rule.Update(ref Unsafe.Add(ref p, i), ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref mr, i), ref Unsafe.Add(ref vr, i), ref Unsafe.Add(ref vm, i));
            return i;
        }
#endif

        /// <summary>The step's scalar coefficients, computed once in double precision and rounded to float.</summary>
        private readonly record struct Coefficients(
            float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float InverseBiasCorrection2Sqrt, float Epsilon,
            float MinusStepSize, float L2, float DecayFactor, bool HasDecoupledDecay, bool AmsGrad);

        /// <summary>The update of one vector of parameters, moments and (with AMSGrad) maxima, at any width.</summary>
        private readonly struct Rule<TLanes, TVector> : IUpdateRule
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            private readonly TVector _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _inverseBiasCorrection2Sqrt, _epsilon, _minusStepSize, _l2, _decayFactor;
            private readonly bool _hasL2, _hasDecoupledDecay, _amsGrad;

            public Rule(in Coefficients c)
            {
                _beta1 = TLanes.Broadcast(c.Beta1);
                _oneMinusBeta1 = TLanes.Broadcast(c.OneMinusBeta1);
                _beta2 = TLanes.Broadcast(c.Beta2);
                _oneMinusBeta2 = TLanes.Broadcast(c.OneMinusBeta2);
                _inverseBiasCorrection2Sqrt = TLanes.Broadcast(c.InverseBiasCorrection2Sqrt);
                _epsilon = TLanes.Broadcast(c.Epsilon);
                _minusStepSize = TLanes.Broadcast(c.MinusStepSize);
                _l2 = TLanes.Broadcast(c.L2);
                _hasL2 = c.L2 != 0f;
                _decayFactor = TLanes.Broadcast(c.DecayFactor);
                _hasDecoupledDecay = c.HasDecoupledDecay;
                _amsGrad = c.AmsGrad;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float m, ref float v, ref float vMax)
            {
                var theta = TLanes.Load(ref p);
                if (_hasDecoupledDecay) theta = TLanes.Multiply(theta, _decayFactor);
                var grad = TLanes.Load(ref g);
                if (_hasL2) grad = TLanes.MultiplyAdd(theta, _l2, grad);
                var mean = TLanes.MultiplyAdd(grad, _oneMinusBeta1, TLanes.Multiply(TLanes.Load(ref m), _beta1));
                // β₂v + ((1−β₂)·g)·g, rounded in that order.
                var square = TLanes.Add(TLanes.Multiply(TLanes.Load(ref v), _beta2), TLanes.Multiply(TLanes.Multiply(_oneMinusBeta2, grad), grad));
                TLanes.Store(mean, ref m);
                TLanes.Store(square, ref v);
                if (_amsGrad)
                {
                    square = TLanes.Max(TLanes.Load(ref vMax), square);
                    TLanes.Store(square, ref vMax);
                }
                // √v/√(1−β₂ᵗ) as a product with the reciprocal: one division per element instead of two
                // (the update's most expensive instruction); differs from PyTorch's quotient by ≤ 1 ulp.
                var denominator = TLanes.MultiplyAdd(TLanes.SquareRoot(square), _inverseBiasCorrection2Sqrt, _epsilon);
                TLanes.Store(TLanes.Add(theta, TLanes.Divide(TLanes.Multiply(_minusStepSize, mean), denominator)), ref p);
            }
        }
    }
}
