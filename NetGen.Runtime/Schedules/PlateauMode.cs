namespace NetGen
{
    /// <summary>Which direction of the monitored metric counts as improvement (PyTorch's <c>mode</c>).</summary>
    public enum PlateauMode
    {
        /// <summary>Lower is better, e.g. a loss (<c>'min'</c>, PyTorch default).</summary>
        Min = 0,

        /// <summary>Higher is better, e.g. an accuracy (<c>'max'</c>).</summary>
        Max = 1,
    }
}
