namespace NetGen
{
    /// <summary>
    /// One named state buffer of an optimizer: whether its options use it, the value it starts from,
    /// and whether it holds one value (e.g. a running product) rather than one per parameter.
    /// </summary>
    internal readonly record struct BufferSlot(string Name, bool InUse = true, float Initial = 0f, bool IsScalar = false);
}
