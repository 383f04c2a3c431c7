namespace NetGen
{
    /// <summary>Batch normalization of one dense layer: where it sits, its settings, and where its values live.</summary>
    /// <param name="Placement">Before or after the activation.</param>
    /// <param name="Momentum">Keras-convention momentum of the moving averages (PyTorch momentum = 1 − this).</param>
    /// <param name="Epsilon">Added to the variance before the square root.</param>
    /// <param name="GammaOffset">Offset of gamma (scale) in the parameter buffer, or −1 without scale.</param>
    /// <param name="BetaOffset">Offset of beta (shift) in the parameter buffer, or −1 without center.</param>
    /// <param name="MeanOffset">Offset of the moving mean in the state buffer.</param>
    /// <param name="VarianceOffset">Offset of the moving variance in the state buffer.</param>
    public sealed record BatchNormInfo(BatchNormPlacement Placement, float Momentum, float Epsilon, int GammaOffset, int BetaOffset, int MeanOffset, int VarianceOffset)
    {
        /// <summary>Whether gamma is learned (Keras <c>scale</c>).</summary>
        public bool HasGamma => GammaOffset >= 0;

        /// <summary>Whether beta is learned (Keras <c>center</c>).</summary>
        public bool HasBeta => BetaOffset >= 0;
    }
}
