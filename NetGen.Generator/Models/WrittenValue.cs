namespace NetGen.Generator.Models
{
    /// <summary>
    /// A value as the user wrote it, not yet judged, with where it was written (the argument's span,
    /// else the attribute's): the rules need the raw value to check it and the location to point at it,
    /// and both are plain values, so a model holding them stays equatable and pins no syntax tree.
    /// </summary>
    internal readonly record struct WrittenValue<T>(T Value, LocationInfo? Location);
}
