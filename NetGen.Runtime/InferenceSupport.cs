using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetGen.Generated
{
    /// <summary>
    /// What makes inference on one shared network instance safe from many threads: per-thread scratch
    /// for the activations of a call, and the gate that keeps training and inference from overlapping.
    /// </summary>
    /// <remarks>
    /// Inference writes only the caller's span and scratch that belongs to the call, so any number of
    /// threads may predict at once. Training writes the parameters, the statistics and the instance's
    /// batch workspace, so it must run alone: the gate counts the inference calls in flight and flags a
    /// training call, each with a full fence (<see cref="Interlocked"/>), so whichever of two overlapping
    /// calls comes second sees the first and throws before it touches anything.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class InferenceSupport
    {
        // Two ping-pong buffers per thread, grown to the largest request seen on that thread and then
        // reused, so a call allocates nothing once each thread has warmed up. A thread runs one call at
        // a time (no inference call re-enters another), so one pair per thread is enough for every network.
        [ThreadStatic] private static float[]? s_first;
        [ThreadStatic] private static float[]? s_second;

        /// <summary>The calling thread's first scratch buffer, at least <paramref name="length"/> values.</summary>
        public static Span<float> First(int length)
        {
            var buffer = s_first;
            if (buffer is null || buffer.Length < length) s_first = buffer = new float[length];
            return new Span<float>(buffer, 0, length);
        }

        /// <summary>The calling thread's second scratch buffer, at least <paramref name="length"/> values.</summary>
        public static Span<float> Second(int length)
        {
            var buffer = s_second;
            if (buffer is null || buffer.Length < length) s_second = buffer = new float[length];
            return new Span<float>(buffer, 0, length);
        }

        /// <summary>
        /// Copies a fresh fold into the copy that predictions read, but only the values whose bits changed:
        /// a refold that finds the same values (after parameters were only read) writes nothing that a
        /// running prediction could see. Bits, not <c>==</c>: 0 and −0 compare equal but may not give the same results.
        /// </summary>
        public static void Publish(ReadOnlySpan<float> fresh, Span<float> published)
        {
            var freshBits = MemoryMarshal.Cast<float, int>(fresh);
            var publishedBits = MemoryMarshal.Cast<float, int>(published);
            if (!freshBits.SequenceEqual(publishedBits)) fresh.CopyTo(published);
        }

        /// <summary>
        /// Registers an inference call (Predict, Evaluate) on an instance; throws
        /// <see cref="InvalidOperationException"/> when a training call is running on it.
        /// </summary>
        public static void EnterInference(ref int inferenceCalls, ref int trainingCall, string operation)
        {
            Interlocked.Increment(ref inferenceCalls);
            if (Volatile.Read(ref trainingCall) == 0) return;
            Interlocked.Decrement(ref inferenceCalls);
            throw new InvalidOperationException(
                $"{operation} was called while a training call (ComputeGradients, TrainStep or PredictWithDropout) is running on the same network instance on another thread. " +
                "Inference may share an instance with other inference calls, never with training: train a separate instance, or wait for training to finish.");
        }

        /// <summary>Ends an inference call registered by <see cref="EnterInference"/>.</summary>
        public static void ExitInference(ref int inferenceCalls) => Interlocked.Decrement(ref inferenceCalls);

        /// <summary>
        /// Starts a call that needs the instance to itself (ComputeGradients, TrainStep, PredictWithDropout);
        /// throws <see cref="InvalidOperationException"/> when another such call or any inference call is running on it.
        /// </summary>
        public static void EnterTraining(ref int trainingCall, ref int inferenceCalls, string operation)
        {
            if (Interlocked.Exchange(ref trainingCall, 1) != 0)
                throw new InvalidOperationException(
                    $"{operation} was called while another training call (ComputeGradients, TrainStep or PredictWithDropout) is running on the same network instance. " +
                    "Training needs the instance to itself: one training call at a time.");
            if (Volatile.Read(ref inferenceCalls) == 0) return;
            Volatile.Write(ref trainingCall, 0);
            throw new InvalidOperationException(
                $"{operation} was called while Predict or Evaluate is running on the same network instance on another thread; training would change the parameters under it. " +
                "Train a separate instance, or wait for the predictions to finish.");
        }

        /// <summary>Ends a call started by <see cref="EnterTraining"/>.</summary>
        public static void ExitTraining(ref int trainingCall) => Volatile.Write(ref trainingCall, 0);
    }
}
