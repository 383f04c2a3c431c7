namespace NetGen
{
    /// <summary>What one training step measured, passed to <see cref="TrainingCallback.OnTrainBatchEnd"/> (Keras's batch <c>logs</c>).</summary>
    /// <param name="Epoch">1-based epoch of the step.</param>
    /// <param name="Batch">0-based index of the batch within its epoch.</param>
    /// <param name="Step">0-based global step since the start of the fit (what step-based schedules read).</param>
    /// <param name="Samples">Samples in the batch (the last batch of an epoch may be smaller).</param>
    /// <param name="Loss">The batch's mean loss, computed before the update.</param>
    public readonly record struct BatchMetrics(int Epoch, int Batch, long Step, int Samples, float Loss);
}
