using System;
using System.Collections.Generic;
using System.Threading;

namespace NetGen
{
    /// <summary>Settings of <see cref="Trainer.Fit"/>. Defaults follow Keras's <c>Model.fit</c>.</summary>
    public sealed class FitOptions
    {
        /// <summary>Passes over the training data (Keras default 1).</summary>
        public int Epochs { get; set; } = 1;

        /// <summary>Samples per gradient step (Keras default 32). The last batch of an epoch may be smaller.</summary>
        public int BatchSize { get; set; } = 32;

        /// <summary>Whether to reshuffle the training samples before every epoch (Keras default true).</summary>
        public bool Shuffle { get; set; } = true;

        /// <summary>Seed of the shuffling order, so a run is reproducible.</summary>
        public long Seed { get; set; }

        /// <summary>
        /// Fraction of the samples held out for validation, taken from the end of the arrays before
        /// any shuffling, as Keras does: samples × split rounded down. Ignored when
        /// <see cref="ValidationInputs"/> is set. A split that holds out no sample (0.005 of 100) is refused
        /// with an <see cref="ArgumentOutOfRangeException"/> naming this option, as Keras refuses a split that
        /// leaves a part empty.
        /// </summary>
        public double ValidationSplit { get; set; }

        /// <summary>Explicit validation inputs, row-major.</summary>
        public float[]? ValidationInputs { get; set; }

        /// <summary>Explicit validation targets, in the network's target layout.</summary>
        public float[]? ValidationTargets { get; set; }

        /// <summary>The optimizer (default: SGD with learning rate 0.01, Keras's default).</summary>
        public IOptimizer? Optimizer { get; set; }

        /// <summary>Called after every epoch with its metrics; a progress report.</summary>
        public Action<EpochMetrics>? EpochEnded { get; set; }

        /// <summary>Clips every gradient value to [−value, value] before each update (Keras <c>clipvalue</c>, PyTorch <c>clip_grad_value_</c>); null for none.</summary>
        public float? ClipValue { get; set; }

        /// <summary>
        /// Rescales each layer's kernel and bias gradient separately so its L2 norm is at most this
        /// (Keras <c>clipnorm</c>, which clips each weight tensor); null for none.
        /// </summary>
        public float? ClipNorm { get; set; }

        /// <summary>
        /// Rescales the whole gradient so its global L2 norm is at most this (Keras <c>global_clipnorm</c>,
        /// PyTorch <c>clip_grad_norm_</c>); null for none. Applied after <see cref="ClipValue"/> and <see cref="ClipNorm"/>.
        /// </summary>
        public float? GlobalClipNorm { get; set; }

        /// <summary>
        /// Sets the optimizer's learning rate before every step from the global step (0-based) or the
        /// epoch index (0-based), as the schedule's unit says; null keeps the optimizer's rate.
        /// </summary>
        public LearningRateSchedule? Schedule { get; set; }

        /// <summary>
        /// Lowers the learning rate when <see cref="PlateauMonitor"/> stops improving, checked after
        /// every epoch (PyTorch's <c>ReduceLROnPlateau</c>, Keras's <c>ReduceLROnPlateau</c> callback).
        /// Cannot be combined with <see cref="Schedule"/>, which would overwrite its reductions.
        /// </summary>
        public ReduceLearningRateOnPlateau? ReduceLearningRateOnPlateau { get; set; }

        /// <summary>The metric <see cref="ReduceLearningRateOnPlateau"/> watches (default validation loss, as Keras).</summary>
        public MonitoredMetric PlateauMonitor { get; set; } = MonitoredMetric.ValidationLoss;

        /// <summary>
        /// Records per-layer training-health statistics (gradient norms, update ratios, activation
        /// statistics, dead and saturated units) into each epoch's <see cref="EpochMetrics.Health"/> and
        /// detects vanishing/exploding gradients and dying ReLUs (<see cref="TrainingHistory.Warnings"/>).
        /// Off by default: it costs one pass over the parameters and activations per step.
        /// </summary>
        public bool RecordHealth { get; set; }

        /// <summary>Called when a training warning is detected (also kept in <see cref="TrainingHistory.Warnings"/>).</summary>
        public Action<TrainingWarning>? WarningRaised { get; set; }

        /// <summary>Stops training when a monitored metric stops improving (Keras's <c>EarlyStopping</c>); null for none.</summary>
        public EarlyStopping? EarlyStopping { get; set; }

        /// <summary>Calls a save hook on every epoch that improves a monitored metric; null for none.</summary>
        public BestModelCheckpoint? BestModelCheckpoint { get; set; }

        /// <summary>
        /// Callbacks run at the start and end of training, of every epoch and after every batch (Keras's
        /// <c>callbacks=[…]</c>), after the ones the options above make, in list order. <see cref="EarlyStopping"/>
        /// and <see cref="BestModelCheckpoint"/> can be added here too.
        /// </summary>
        public IList<TrainingCallback> Callbacks { get; set; } = new List<TrainingCallback>();

        /// <summary>
        /// Keras's <c>class_weight</c>: a factor per class index that multiplies the loss of every training row of that
        /// class (its label for softmax cross-entropy, its target's arg-max for categorical, its 0/1 target for binary
        /// cross-entropy with one output); a class left out weighs 1. Not for mean squared error. Only the training loss
        /// is weighted; validation loss and accuracy are not (as in Keras). Null for none.
        /// </summary>
        public IReadOnlyDictionary<int, float>? ClassWeights { get; set; }

        /// <summary>
        /// Keras's <c>sample_weight</c>: one factor per row of the inputs (held-out rows included, which the validation
        /// split ignores), multiplied with the class weight. Finite and ≥ 0. Null for none.
        /// </summary>
        public float[]? SampleWeights { get; set; }

        /// <summary>
        /// How a weighted batch loss is reduced: Keras's Σ wᵢ·lᵢ / N (the default) or PyTorch's Σ wᵢ·lᵢ / Σ wᵢ
        /// (<c>CrossEntropyLoss(weight=…)</c>). Used only with <see cref="ClassWeights"/> or <see cref="SampleWeights"/>.
        /// </summary>
        public WeightedLossReduction WeightedLossReduction { get; set; } = WeightedLossReduction.SumOverBatchSize;

        /// <summary>Checked before every batch; cancelling throws <see cref="OperationCanceledException"/> and leaves the weights as trained so far.</summary>
        public CancellationToken CancellationToken { get; set; }

        internal void Validate()
        {
            if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least one epoch.");
            if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
            if (ValidationSplit < 0 || ValidationSplit >= 1 || double.IsNaN(ValidationSplit))
                throw new ArgumentOutOfRangeException(nameof(ValidationSplit), ValidationSplit, "The validation split must be in [0, 1).");
            if ((ValidationInputs is null) != (ValidationTargets is null))
                throw new ArgumentException("Set both ValidationInputs and ValidationTargets, or neither.");
            if (WeightedLossReduction is not (WeightedLossReduction.SumOverBatchSize or WeightedLossReduction.SumOverWeights))
                throw new ArgumentOutOfRangeException(nameof(WeightedLossReduction), WeightedLossReduction, "Not a WeightedLossReduction value.");
            EarlyStopping?.Validate();
            if (Callbacks is null) throw new ArgumentNullException(nameof(Callbacks));
            foreach (var callback in Callbacks)
                if (callback is null) throw new ArgumentException("FitOptions.Callbacks holds a null entry.", nameof(Callbacks));
            foreach (var (name, value) in new[] { (nameof(ClipValue), ClipValue), (nameof(ClipNorm), ClipNorm), (nameof(GlobalClipNorm), GlobalClipNorm) })
                if (value is { } limit && !(limit > 0 && float.IsFinite(limit)))
                    throw new ArgumentOutOfRangeException(name, limit, "A clipping limit must be a positive finite number.");
            if (Schedule is not null && ReduceLearningRateOnPlateau is not null)
                throw new ArgumentException("Use either a Schedule or ReduceLearningRateOnPlateau: the schedule would overwrite the plateau's reductions at the next step.");
            if (ReduceLearningRateOnPlateau is { } plateau)
            {
                bool higherIsBetter = MetricTracker.ImprovesUpwards(PlateauMonitor);
                if (higherIsBetter != (plateau.Mode == PlateauMode.Max))
                    throw new ArgumentException($"ReduceLearningRateOnPlateau is in {plateau.Mode} mode but monitors {PlateauMonitor}, which improves {(higherIsBetter ? "upwards" : "downwards")}.");
            }
        }
    }
}
