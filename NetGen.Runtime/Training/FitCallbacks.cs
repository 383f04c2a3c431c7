using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// Turns a fit's <see cref="FitOptions"/> into its ordered list of callbacks (Keras's <c>CallbackList</c>):
    /// the one place that knows which option is which callback.
    /// </summary>
    internal static class FitCallbacks
    {
        /// <summary>
        /// The callbacks of one fit, in calling order: the health recorder (which completes each epoch's
        /// metrics), <see cref="FitOptions.EpochEnded"/>, the plateau, the checkpoint, early stopping, then
        /// <see cref="FitOptions.Callbacks"/> in their order. Refuses settings and unmeasurable metrics first.
        /// </summary>
        public static TrainingCallback[] Create(FitOptions options, INetwork network, bool hasValidation)
        {
            var plateau = options.ReduceLearningRateOnPlateau is { } schedule ? new PlateauCallback(schedule, options.PlateauMonitor) : null;
            // Settings before availability, early stopping before the checkpoint before the plateau:
            // the order Fit has always checked them in, so the same mistake gives the same error.
            var checkOrder = new List<TrainingCallback>();
            if (options.EarlyStopping is { } stopping) checkOrder.Add(stopping);
            if (options.BestModelCheckpoint is { } checkpoint) checkOrder.Add(checkpoint);
            if (plateau is not null) checkOrder.Add(plateau);
            checkOrder.AddRange(options.Callbacks);
            foreach (var callback in checkOrder) callback.ValidateSettings();
            foreach (var callback in checkOrder) callback.Prepare(network, hasValidation);

            var callbacks = new List<TrainingCallback>();
            if (options.RecordHealth) callbacks.Add(new HealthMonitor(network, options.WarningRaised));
            if (options.EpochEnded is { } report) callbacks.Add(new EpochEndedCallback(report));
            if (plateau is not null) callbacks.Add(plateau);
            if (options.BestModelCheckpoint is not null) callbacks.Add(options.BestModelCheckpoint);
            if (options.EarlyStopping is not null) callbacks.Add(options.EarlyStopping);
            foreach (var callback in options.Callbacks)
            {
                // One instance keeps one fit's state (a wait count, a best value), so it cannot run twice per epoch.
                if (callbacks.Contains(callback))
                    throw new ArgumentException($"The same {callback.GetType().Name} instance is given twice (in FitOptions.Callbacks, or there and as an option); each instance keeps per-fit state.", nameof(options));
                callbacks.Add(callback);
            }
            return callbacks.ToArray();
        }
    }
}
