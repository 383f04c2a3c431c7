namespace NetGen
{
    /// <summary>What kind of trouble a <see cref="TrainingWarning"/> reports.</summary>
    public enum TrainingWarningKind
    {
        /// <summary>The lowest layers' gradients are orders of magnitude below the top layer's.</summary>
        VanishingGradients,
        /// <summary>A layer's gradient norm is non-finite or has grown by orders of magnitude.</summary>
        ExplodingGradients,
        /// <summary>Most of a ReLU layer's units output zero for every sample of a batch.</summary>
        DyingRelu,
    }

    /// <summary>A problem the trainer detected from the training-health statistics, with where and when.</summary>
    /// <param name="Epoch">1-based epoch in which it was seen first.</param>
    /// <param name="Layer">The layer concerned.</param>
    /// <param name="Kind">What was detected.</param>
    /// <param name="Message">A one-line explanation with the figures.</param>
    public sealed record TrainingWarning(int Epoch, int Layer, TrainingWarningKind Kind, string Message);
}
