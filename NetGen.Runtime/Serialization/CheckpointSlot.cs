namespace NetGen
{
    /// <summary>Where one named checkpoint tensor lives in a network: the parameter or the state buffer, and the range.</summary>
    internal sealed record CheckpointSlot(string Name, long[] Shape, bool InState, int Offset, int Count);
}
