namespace NetGen
{
    /// <summary>What made a checkpoint unreadable or unfit for the network it was loaded into (<see cref="CheckpointException.Failure"/>).</summary>
    public enum CheckpointFailure
    {
        /// <summary>The file ends before the 8-byte header length or before the header it announces.</summary>
        Truncated = 0,

        /// <summary>The header length field is implausible (larger than the limit or than the file).</summary>
        HeaderLength = 1,

        /// <summary>The header is not a UTF-8 JSON object of the safetensors shape (syntax, types, duplicate keys).</summary>
        HeaderJson = 2,

        /// <summary>A tensor entry is malformed: dtype, shape, or data offsets that disagree with the shape.</summary>
        TensorEntry = 3,

        /// <summary>The tensors' data offsets leave gaps, overlap, or run past the data buffer.</summary>
        DataLayout = 4,

        /// <summary>Required metadata is missing or malformed, or the format or version is not this one.</summary>
        Metadata = 5,

        /// <summary>The data buffer or the header does not match its recorded checksum.</summary>
        Checksum = 6,

        /// <summary>The checkpoint was saved from a network of another architecture.</summary>
        Architecture = 7,

        /// <summary>The tensors present differ from those the network needs (missing, unknown, or of another shape).</summary>
        TensorSet = 8,

        /// <summary>The optimizer state does not fit the given optimizer (kind, buffers, lengths), or is absent.</summary>
        Optimizer = 9,

        /// <summary>The file is larger than a checkpoint can be read into memory.</summary>
        TooLarge = 10,

        /// <summary>
        /// A tensor's values cannot be used: a float64 value beyond float32's range, or an imported value the
        /// network must not run on (non-finite, or a negative running variance).
        /// </summary>
        TensorValues = 11,

        /// <summary>The path names a directory, device, pipe or socket rather than a regular file.</summary>
        NotAFile = 12,
    }
}
