namespace NetGen
{
    /// <summary>How <see cref="OneCycle"/> moves between two rates within a phase (PyTorch's <c>anneal_strategy</c>).</summary>
    public enum AnnealStrategy
    {
        /// <summary>Half a cosine wave, <c>'cos'</c> (PyTorch default).</summary>
        Cosine = 0,

        /// <summary>A straight line, <c>'linear'</c>.</summary>
        Linear = 1,
    }
}
