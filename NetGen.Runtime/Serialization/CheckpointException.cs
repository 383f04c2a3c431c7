using System;

namespace NetGen
{
    /// <summary>
    /// A checkpoint or safetensors file that cannot be read, or that does not fit the network or
    /// optimizer it is loaded into. Thrown before anything is changed: the network and optimizer
    /// keep the values they had. The message names the problem (tensor, field, expected and found
    /// values); <see cref="Failure"/> classifies it.
    /// </summary>
    public sealed class CheckpointException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="failure">The kind of problem.</param>
        /// <param name="message">What is wrong, naming the tensor or field.</param>
        public CheckpointException(CheckpointFailure failure, string message)
            : base(message) => Failure = failure;

        /// <summary>The kind of problem.</summary>
        public CheckpointFailure Failure { get; }
    }
}
