namespace NetGen
{
    /// <summary>
    /// A per-epoch quantity that early stopping and best-model checkpoints watch (Keras's
    /// <c>monitor</c> strings). Losses improve downwards, accuracies upwards (Keras's <c>mode="auto"</c>).
    /// </summary>
    public enum MonitoredMetric
    {
        /// <summary>Validation loss, Keras's <c>"val_loss"</c> (the default).</summary>
        ValidationLoss = 0,
        /// <summary>Validation accuracy, Keras's <c>"val_accuracy"</c>.</summary>
        ValidationAccuracy = 1,
        /// <summary>Training loss, Keras's <c>"loss"</c>.</summary>
        Loss = 2,
        /// <summary>Training accuracy, Keras's <c>"accuracy"</c>.</summary>
        Accuracy = 3,
    }
}
