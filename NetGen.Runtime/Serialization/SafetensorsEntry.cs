namespace NetGen
{
    /// <summary>One tensor entry of a safetensors header: offsets are relative to the data buffer.</summary>
    internal sealed record SafetensorsEntry(string Name, string DataType, long[] Shape, long Begin, long End)
    {
        /// <summary>Number of elements, the product of the shape (1 for a scalar).</summary>
        public long ElementCount { get; init; }

        public string ShapeText => "[" + string.Join(", ", Shape) + "]";
    }
}
