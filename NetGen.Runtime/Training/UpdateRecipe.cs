using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>
    /// The order of one training step's update, written once for the generated <c>TrainStep</c> and for
    /// <see cref="Trainer.Fit"/>: [finiteness check of the loss and gradients] → gradient clipping →
    /// optimizer step → <see cref="INetwork.ApplyConstraints"/> → [finiteness check of the updated
    /// parameters and of the batch-norm moving statistics the forward pass moved, undoing the step when it
    /// fails]. <c>TrainStep</c> runs it with the bracketed checks and the clipping off; the trainer turns
    /// on what its <see cref="FitOptions"/> ask for.
    /// </summary>
    /// <remarks>Called by generated code; not meant to be called directly.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class UpdateRecipe
    {
        /// <summary>
        /// The update of a generated <c>TrainStep</c>: the optimizer's step over the flat buffers, then the
        /// network's constraints; no clipping and no finiteness checks.
        /// </summary>
        /// <param name="network">The network whose buffers these are; its constraints run after the step.</param>
        /// <param name="optimizer">The optimizer to step.</param>
        /// <param name="parameters">The network's parameters, updated in place.</param>
        /// <param name="gradients">The gradients of the last <c>ComputeGradients</c> call.</param>
        /// <param name="threads">How many threads the optimizer's step may use.</param>
        public static void Apply(INetwork network, IOptimizer optimizer, Span<float> parameters, Span<float> gradients, int threads)
            => Apply(network, optimizer, parameters, gradients, threads, loss: 0f, clipper: null, guard: null);

        /// <summary>
        /// The whole recipe. <paramref name="clipper"/> null skips clipping; <paramref name="guard"/> null
        /// skips both finiteness checks (then <paramref name="loss"/> is unused).
        /// </summary>
        internal static void Apply(INetwork network, IOptimizer optimizer, Span<float> parameters, Span<float> gradients, int threads,
            float loss, GradientClipper? clipper, DivergenceGuard? guard)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            // Checked before clipping: clipping a NaN gradient by norm would hide where it came from.
            guard?.CheckGradients(loss, gradients);
            clipper?.Clip(gradients);
            guard?.Remember(parameters);
            OptimizerSteps.Step(optimizer, parameters, gradients, threads);
            network.ApplyConstraints();
            guard?.CheckUpdate(parameters, loss);
        }
    }
}
