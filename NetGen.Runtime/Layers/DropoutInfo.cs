namespace NetGen
{
    /// <summary>Dropout on a dense layer's output.</summary>
    /// <param name="Rate">Probability of dropping a unit in training.</param>
    /// <param name="IsAlpha">Alpha dropout (SELU-preserving) rather than plain inverted dropout.</param>
    public sealed record DropoutInfo(float Rate, bool IsAlpha);
}
