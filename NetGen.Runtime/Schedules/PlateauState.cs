namespace NetGen
{
    /// <summary>
    /// The mutable state of a <see cref="ReduceLearningRateOnPlateau"/>, to save with a checkpoint and
    /// restore with <see cref="ReduceLearningRateOnPlateau.Restore(PlateauState)"/>. The learning rate
    /// itself lives in the optimizer, not here.
    /// </summary>
    /// <param name="Best">The best metric seen so far (+∞ in min mode and −∞ in max mode before the first update).</param>
    /// <param name="BadEpochs">Consecutive epochs without improvement since the last improvement or reduction (PyTorch's <c>num_bad_epochs</c>).</param>
    /// <param name="CooldownCounter">Epochs of cooldown left (PyTorch's <c>cooldown_counter</c>).</param>
    /// <param name="Updates">How many metrics have been fed in (PyTorch's <c>last_epoch</c>).</param>
    public readonly record struct PlateauState(double Best, int BadEpochs, int CooldownCounter, long Updates);
}
