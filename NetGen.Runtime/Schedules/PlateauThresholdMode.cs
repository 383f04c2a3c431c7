namespace NetGen
{
    /// <summary>How the improvement threshold is applied to the best value so far (PyTorch's <c>threshold_mode</c>).</summary>
    public enum PlateauThresholdMode
    {
        /// <summary><c>'rel'</c> (PyTorch default): better than best · (1 ∓ threshold).</summary>
        Relative = 0,

        /// <summary><c>'abs'</c>: better than best ∓ threshold.</summary>
        Absolute = 1,
    }
}
