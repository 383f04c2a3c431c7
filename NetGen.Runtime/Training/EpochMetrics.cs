using System;

namespace NetGen
{
    /// <summary>What one epoch of training measured.</summary>
    /// <param name="Epoch">1-based epoch number.</param>
    /// <param name="Loss">Mean training loss over the epoch's mini-batches, weighted by batch size (what Keras reports as <c>loss</c>); with <see cref="FitOptions.ClassWeights"/> or <see cref="FitOptions.SampleWeights"/> it is the weighted loss, while the accuracies and validation values stay unweighted.</param>
    /// <param name="Accuracy">Training-set accuracy in inference mode at the end of the epoch; null for regression.</param>
    /// <param name="ValidationLoss">Validation loss at the end of the epoch; null without validation data.</param>
    /// <param name="ValidationAccuracy">Validation accuracy at the end of the epoch; null without validation data or for regression.</param>
    /// <param name="LearningRate">The optimizer's learning rate in the epoch's last step.</param>
    /// <param name="Elapsed">Wall time of the epoch, evaluation included.</param>
    public sealed record EpochMetrics(int Epoch, double Loss, double? Accuracy, double? ValidationLoss, double? ValidationAccuracy, float LearningRate, TimeSpan Elapsed)
    {
        /// <summary>Per-layer training-health statistics averaged over the epoch, when <see cref="FitOptions.RecordHealth"/> is on; null otherwise.</summary>
        public System.Collections.Generic.IReadOnlyList<LayerHealth>? Health { get; init; }
    }
}
