namespace NetGen
{
    /// <summary>
    /// Training-health statistics of one layer, averaged over the steps of an epoch (Géron ch. 11:
    /// the signs of vanishing or exploding gradients and of dying or saturated units).
    /// </summary>
    /// <param name="Layer">Layer index, 0 next to the input.</param>
    /// <param name="GradientNorm">L2 norm of the layer's gradient (kernel, bias, batch-norm γ and β).</param>
    /// <param name="GradientRms">Root mean square of the layer's gradient values, ‖g‖/√n: comparable across layers of different sizes.</param>
    /// <param name="UpdateRatio">‖Δθ‖ / ‖θ‖ of the layer's parameters per step (≈ 1e-3 is the usual healthy scale).</param>
    /// <param name="ActivationMean">Mean of the layer's activation outputs.</param>
    /// <param name="ActivationStd">Standard deviation of the layer's activation outputs.</param>
    /// <param name="DeadFraction">ReLU layers: fraction of units that output 0 for the whole batch; null for other activations.</param>
    /// <param name="SaturatedFraction">Sigmoid and tanh layers: fraction of outputs in the flat tails (sigmoid &lt; 0.01 or &gt; 0.99, |tanh| &gt; 0.99); null otherwise.</param>
    public sealed record LayerHealth(int Layer, double GradientNorm, double GradientRms, double UpdateRatio, double ActivationMean, double ActivationStd, double? DeadFraction, double? SaturatedFraction);
}
