// This file is compiled into both NetGen.Runtime and NetGen.Generator (see Act.cs); the
// generator's copy is internal so that it never clashes with the runtime's public one.
namespace NetGen
{
    /// <summary>
    /// Training losses. Every loss is averaged over the batch (Keras's and PyTorch's default
    /// "mean" reduction). The output activation follows the loss unless a layer says otherwise.
    /// </summary>
#if NETGEN_GENERATOR
    internal enum Loss
#else
    public enum Loss
#endif
    {
        /// <summary>Mean squared error over every output of every sample (Keras <c>MeanSquaredError</c>, PyTorch <c>MSELoss</c>). Output activation: linear by default.</summary>
        MeanSquaredError = 0,
        /// <summary>Binary cross-entropy fused with a sigmoid output, computed from the logits (PyTorch <c>BCEWithLogitsLoss</c>); one independent probability per output (multi-label when several).</summary>
        BinaryCrossEntropy = 1,
        /// <summary>Softmax cross-entropy with integer class labels, computed from the logits with log-sum-exp (PyTorch <c>CrossEntropyLoss</c>, Keras <c>SparseCategoricalCrossentropy</c>). Targets: one class index per sample.</summary>
        SoftmaxCrossEntropy = 2,
        /// <summary>Categorical cross-entropy on one-hot (or soft) targets with a softmax output, computed from the logits (Keras <c>CategoricalCrossentropy</c>).</summary>
        CategoricalCrossEntropy = 3,
    }
}
