namespace NetGen
{
    /// <summary>What the "step" passed to <see cref="LearningRateSchedule.RateAt(long)"/> counts.</summary>
    public enum ScheduleUnit
    {
        /// <summary>Optimizer steps (mini-batches), 0-based and counted across epochs. Keras schedules and PyTorch's <c>OneCycleLR</c> work this way.</summary>
        Step = 0,

        /// <summary>Epochs, 0-based: the rate is constant within an epoch. PyTorch's <c>ExponentialLR</c> and <c>MultiStepLR</c>, stepped once per epoch, work this way.</summary>
        Epoch = 1,
    }
}
