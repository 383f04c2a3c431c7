using System.Collections.Generic;

namespace NetGen
{
    /// <summary>What <see cref="Checkpoint.Load(string, INetwork, IOptimizer?)"/> read besides the tensors.</summary>
    public sealed class CheckpointInfo
    {
        internal CheckpointInfo(TrainingPosition? position, string architecture, string? optimizerKind, long optimizerSteps, IReadOnlyDictionary<string, string> metadata)
        {
            Position = position;
            Architecture = architecture;
            OptimizerKind = optimizerKind;
            OptimizerSteps = optimizerSteps;
            Metadata = metadata;
        }

        /// <summary>The training position saved with the checkpoint, or null when none was given.</summary>
        public TrainingPosition? Position { get; }

        /// <summary>The architecture signature (see <see cref="Checkpoint.ArchitectureOf"/>).</summary>
        public string Architecture { get; }

        /// <summary>The kind of the optimizer whose state was saved (e.g. <c>"Adam"</c>), or null when none was.</summary>
        public string? OptimizerKind { get; }

        /// <summary>The saved optimizer's step count (0 without optimizer).</summary>
        public long OptimizerSteps { get; }

        /// <summary>Every metadata entry of the file, checksums included.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }
    }
}
