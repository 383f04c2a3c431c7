using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// What every generated network offers to the shape-independent runtime (trainer, optimizers,
    /// metrics, persistence). Generated classes also expose the same sizes as constants.
    /// </summary>
    /// <remarks>
    /// Layout: all trainable parameters live in one contiguous buffer, layer by layer; a dense
    /// layer stores its kernel as [inputs × units] row-major (Keras's layout: the unit index is
    /// contiguous), followed by its bias. <see cref="Gradients"/> has the same layout.
    /// Threads: inference is shareable, training is not. Any number of threads may call
    /// <see cref="Predict(ReadOnlySpan{float}, Span{float})"/>, the batched
    /// <see cref="Predict(ReadOnlySpan{float}, Span{float}, int)"/> and <see cref="Evaluate"/> on one
    /// instance at once: they write only the caller's spans and scratch of their own (the stack, or a
    /// buffer per thread grown once), allocate nothing after each thread's first call, and give the bits
    /// sequential calls give. <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>,
    /// <c>TrainStep</c> and <see cref="PredictWithDropout"/> (which draws from the instance's dropout
    /// stream) need the instance to themselves: one that starts while another call runs on the instance,
    /// or an inference call that starts while one of them runs, throws <see cref="InvalidOperationException"/>
    /// before it changes anything. Writing parameters or state (through the spans, a checkpoint load,
    /// <see cref="Initialize"/>, <see cref="SetTrainable"/>, an optimizer) while predictions run is not
    /// detected and is not allowed; reading them is.
    /// </remarks>
    public interface INetwork
    {
        /// <summary>Number of input features per sample.</summary>
        int InputSize { get; }

        /// <summary>Number of outputs per sample.</summary>
        int OutputSize { get; }

        /// <summary>
        /// Number of target values per sample: 1 (the class index, stored as a float) for
        /// <see cref="Loss.SoftmaxCrossEntropy"/>, <see cref="OutputSize"/> otherwise.
        /// </summary>
        int TargetSize { get; }

        /// <summary>Number of trainable parameters.</summary>
        int ParameterCount { get; }

        /// <summary>The loss the network trains with.</summary>
        Loss Loss { get; }

        /// <summary>The layers, input side first.</summary>
        IReadOnlyList<DenseLayerInfo> Layers { get; }

        /// <summary>
        /// Layer <paramref name="index"/> (0 = input side) as a view: kernel, bias, batch normalization's γ, β and
        /// moving statistics, and their gradients, with no offsets to compute. Writes reach the network (inference
        /// refolds by itself). Allocates nothing.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a layer.</exception>
        DenseLayerView GetLayer(int index);

        /// <summary>All trainable parameters, in the layout described on <see cref="INetwork"/>.</summary>
        Span<float> Parameters { get; }

        /// <summary>Gradients of the last <c>ComputeGradients</c> call, same layout as <see cref="Parameters"/>.</summary>
        Span<float> Gradients { get; }

        /// <summary>
        /// Non-trainable values: first the input normalization's statistics when the network has
        /// <see cref="NormalizationAttribute"/> (mean and variance per feature, then the count of rows adapted
        /// on: 2·<see cref="InputSize"/> + 1 values, see <see cref="NormalizationView"/>), then layer by layer
        /// each batch-normalized layer's moving mean then moving variance (see <see cref="BatchNormInfo"/> for
        /// the offsets). Empty without either.
        /// </summary>
        Span<float> State { get; }

        /// <summary>
        /// The input normalization's statistics (<see cref="NormalizationAttribute"/>), or null when the network
        /// has none. Writes through the view reach the network (inference refolds by itself).
        /// </summary>
        NormalizationView? Normalization { get; }

        /// <summary>
        /// Sets the input normalization's mean and population variance from <paramref name="features"/>
        /// ([rows × <see cref="InputSize"/>]), as Keras's <c>Normalization.adapt</c>: the statistics are
        /// recomputed from these rows alone (in double precision, two passes), replacing earlier ones.
        /// Needs the instance to itself, like a training call.
        /// </summary>
        /// <exception cref="InvalidOperationException">The network has no <see cref="NormalizationAttribute"/>, or another call is running on it.</exception>
        /// <exception cref="ArgumentException">The data is empty, not whole rows, or holds a value that is not finite.</exception>
        void Adapt(ReadOnlySpan<float> features);

        /// <summary>
        /// How many threads a training step or prediction may use (default: every processor, as PyTorch
        /// uses every core). Large products are split between threads by blocks of output rows or
        /// columns, and large optimizer updates by parameter ranges; small ones stay on the calling
        /// thread, as do batch-1 predictions of small networks (a large one's weights are streamed by
        /// both cores, half each). Results are bit-identical whatever the value: every output is
        /// computed the same way on whichever thread it falls. Any value from 1 up is accepted (as
        /// PyTorch's <c>set_num_threads</c>), but work is never cut into more than twice as many parts as
        /// the machine has processors (at least 4), so a huge value costs no more than that.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
        int MaxThreads { get; set; }

        /// <summary>
        /// Draws every parameter from its initializer with a seeded generator, resets the batch-norm
        /// statistics (mean 0, variance 1) and reseeds the dropout masks from the same seed.
        /// </summary>
        void Initialize(int seed);

        /// <summary>
        /// Restarts the dropout masks' random stream: a <see cref="NetGenRandom"/> seeded with
        /// <paramref name="seed"/> XOR 0x5DEECE66D, one uniform draw per unit in row-major order, layer
        /// by layer (kept when the draw is ≥ the rate). <see cref="Initialize"/> calls it with its seed.
        /// </summary>
        void SeedDropout(long seed);

        /// <summary>
        /// Finishes an optimizer update: puts frozen layers' parameters back and applies the layers'
        /// constraints (max-norm). <c>TrainStep</c> and the trainer call it after every update.
        /// </summary>
        void ApplyConstraints();

        /// <summary>Whether layer <paramref name="layer"/> (0 = input side) is trained.</summary>
        bool IsTrainable(int layer);

        /// <summary>
        /// Freezes or unfreezes a layer (Keras's <c>layer.trainable</c>). A frozen layer's parameters do
        /// not change in training, no gradient work is done below the lowest trainable layer, and a
        /// frozen batch normalization runs in inference mode (moving statistics, not updated).
        /// </summary>
        void SetTrainable(int layer, bool trainable);

        /// <summary>
        /// Recomputes what inference derives from the parameters and state (batch normalization folded
        /// into the dense layers). Inference does it by itself after training or after any access to
        /// <see cref="Parameters"/>, <see cref="State"/> or a layer view; call it only after writing
        /// through a span obtained before the last prediction. The refold runs under a lock and publishes
        /// its result only where the values changed, so predictions running on other threads never see
        /// a half-written fold.
        /// </summary>
        void RefreshInference();

        /// <summary>
        /// Inference with dropout left on (batch normalization still uses its moving statistics): one
        /// stochastic forward pass of Monte Carlo dropout (Gal and Ghahramani 2016). See <see cref="MonteCarloDropout"/>.
        /// </summary>
        void PredictWithDropout(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

        /// <summary>Inference for one sample (matrix-vector path).</summary>
        void Predict(ReadOnlySpan<float> input, Span<float> output);

        /// <summary>Inference for <paramref name="batchSize"/> samples stored row by row.</summary>
        void Predict(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

        /// <summary>
        /// Inference for <paramref name="batchSize"/> samples, writing the output layer's raw pre-activation
        /// values instead of what <see cref="Predict(ReadOnlySpan{float}, Span{float}, int)"/> returns: the logits
        /// before the softmax or sigmoid of a cross-entropy network, the values before the output activation of a
        /// mean-squared-error network (the same as Predict when that activation is linear). Shareable like Predict.
        /// </summary>
        void PredictLogits(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

        /// <summary>
        /// Forward pass in inference mode: writes the outputs (probabilities for the cross-entropy
        /// losses) and returns the mean loss over the batch.
        /// </summary>
        float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> outputs, int batchSize);

        /// <summary>
        /// Forward and backward pass over a mini-batch: overwrites <see cref="Gradients"/> with the
        /// gradient of the mean loss and returns that loss.
        /// </summary>
        float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize);

        /// <summary>
        /// As <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>, and also writes
        /// ∂L/∂inputs into <paramref name="inputGradients"/> ([batch × inputs]) unless it is empty: with respect
        /// to the raw inputs, through the input normalization when the network has one.
        /// </summary>
        float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, Span<float> inputGradients);

        /// <summary>
        /// As <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> with a weight per sample:
        /// the loss is Σ wᵢ·lᵢ divided by the batch size or by Σ wᵢ, as <paramref name="reduction"/> says (lᵢ is
        /// sample i's loss averaged over its outputs; kernel penalties are added unweighted, as Keras adds them).
        /// An empty <paramref name="sampleWeights"/> is the plain mean. Weights must be finite and ≥ 0.
        /// </summary>
        float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, ReadOnlySpan<float> sampleWeights, WeightedLossReduction reduction);

        /// <summary>
        /// The activation outputs of layer <paramref name="layer"/> from the last training forward pass,
        /// [batch × units]: after the activation, before any batch norm or dropout that follows it (the
        /// logits for an output layer fused with its loss). Empty before the first training step.
        /// Valid until the next call on the network; training-health statistics read it.
        /// </summary>
        ReadOnlySpan<float> LayerActivations(int layer);

        /// <summary>One training step: <c>ComputeGradients</c> then the optimizer's update over the flat buffers.</summary>
        float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, IOptimizer optimizer);
    }
}
