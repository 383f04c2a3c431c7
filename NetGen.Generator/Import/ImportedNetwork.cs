namespace NetGen.Generator.Import
{
    /// <summary>
    /// A dense chain recognised in a trained model file (ONNX today): the shapes and settings Validation
    /// judges like an attribute-declared network, and the trained tensors Emit embeds. The tensors are plain
    /// arrays (not equatable): keep this type out of cached pipeline values; cache a content hash instead
    /// and read the file again in the output step.
    /// </summary>
    /// <param name="Inputs">Features per sample (the graph input's last dimension).</param>
    /// <param name="Layers">The dense layers, input side first.</param>
    /// <param name="Output">What the graph applies after the last dense layer (and its batch norm, if any).</param>
    /// <param name="Normalization">Input normalization before the first dense layer, or null.</param>
    internal sealed record ImportedNetwork(int Inputs, ImportedLayer[] Layers, ImportedOutput Output, ImportedNormalization? Normalization);

    /// <summary>One dense layer with its trained tensors.</summary>
    /// <param name="Name">The node the layer was read from (for messages), e.g. "/fc1/Gemm".</param>
    /// <param name="Inputs">Inputs of the layer.</param>
    /// <param name="Units">Units (outputs) of the layer.</param>
    /// <param name="Activation">The activation after the layer (and after a batch norm placed before it); Linear for none.</param>
    /// <param name="Alpha">LeakyReLU's slope or ELU's alpha; 0 otherwise.</param>
    /// <param name="Kernel">The kernel in NetGen's layout: [inputs × units] row-major (the transpose of PyTorch's [out, in]).</param>
    /// <param name="Bias">The bias (units values), or null when the layer has none.</param>
    /// <param name="BatchNorm">A batch normalization of this layer's output, or null.</param>
    internal sealed record ImportedLayer(string Name, int Inputs, int Units, Act Activation, float Alpha, float[] Kernel, float[]? Bias, ImportedBatchNorm? BatchNorm);

    /// <summary>Inference-form batch normalization: y = (x − mean)/√(variance + ε)·γ + β.</summary>
    /// <param name="Placement">Before the activation (PyTorch's Linear → BatchNorm1d → ReLU) or after it.</param>
    /// <param name="Epsilon">ε as the file gives it.</param>
    /// <param name="Gamma">γ, units values.</param>
    /// <param name="Beta">β, units values.</param>
    /// <param name="Mean">Moving mean, units values.</param>
    /// <param name="Variance">Moving variance, units values.</param>
    internal sealed record ImportedBatchNorm(BatchNormPlacement Placement, float Epsilon, float[] Gamma, float[] Beta, float[] Mean, float[] Variance);

    /// <summary>Keras-style input normalization: (x − mean)/√variance per feature.</summary>
    /// <param name="Mean">Per-feature mean, Inputs values.</param>
    /// <param name="Variance">Per-feature variance, Inputs values.</param>
    internal sealed record ImportedNormalization(float[] Mean, float[] Variance);

    /// <summary>What the graph does after the last dense layer.</summary>
    internal enum ImportedOutput
    {
        /// <summary>Nothing: raw outputs (regression, or logits).</summary>
        None,

        /// <summary>Softmax over the features axis.</summary>
        Softmax,

        /// <summary>LogSoftmax over the features axis.</summary>
        LogSoftmax,

        /// <summary>Sigmoid, element-wise.</summary>
        Sigmoid,
    }

    /// <summary>
    /// The reader's answer: a network, or every problem found (never both, never an exception). Each problem
    /// is one sentence naming what in the file is wrong, e.g. "node '/conv/Conv' (Conv) is not supported";
    /// the generator reports them together in one diagnostic on the attribute.
    /// </summary>
    internal sealed record ModelReadResult(ImportedNetwork? Network, string[] Problems);
}
