namespace NetGen
{
    /// <summary>
    /// How a loss weighted per sample (<see cref="FitOptions.ClassWeights"/>, <see cref="FitOptions.SampleWeights"/>)
    /// is reduced over a batch of N samples with weights wᵢ and losses lᵢ.
    /// </summary>
    public enum WeightedLossReduction
    {
        /// <summary>
        /// Σ wᵢ·lᵢ / N: Keras's <c>sum_over_batch_size</c>, what <c>class_weight</c> and <c>sample_weight</c> do in
        /// <c>Model.fit</c>. Weights then scale the effective learning rate as well as the balance between samples.
        /// </summary>
        SumOverBatchSize,

        /// <summary>
        /// Σ wᵢ·lᵢ / Σ wᵢ: PyTorch's <c>CrossEntropyLoss(weight=…)</c> with its default <c>reduction='mean'</c>, a
        /// weighted mean whose scale does not depend on the weights' scale. A batch whose weights are all 0 has
        /// loss 0 and gradient 0 (PyTorch gives NaN).
        /// </summary>
        SumOverWeights,
    }
}
