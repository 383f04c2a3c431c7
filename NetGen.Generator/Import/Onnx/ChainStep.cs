namespace NetGen.Generator.Import.Onnx
{
    /// <summary>One recognised step of the chain from the graph input to its output, in order.</summary>
    /// <param name="Node">The node it was read from (the first node of a multi-node pattern), for messages.</param>
    internal abstract record ChainStep(OnnxNode Node);

    /// <summary>Gemm or MatMul: a dense layer, kernel already in NetGen's [inputs × units] layout.</summary>
    internal sealed record DenseStep(OnnxNode Node, int Inputs, int Units, float[] Kernel, float[]? Bias) : ChainStep(Node);

    /// <summary>Add, Sub, Mul or Div by a constant per-feature vector (scalars already broadcast).</summary>
    internal sealed record ElementwiseStep(OnnxNode Node, string Op, float[] Values) : ChainStep(Node);

    /// <summary>BatchNormalization in inference form.</summary>
    internal sealed record BatchNormStep(OnnxNode Node, float Epsilon, float[] Gamma, float[] Beta, float[] Mean, float[] Variance) : ChainStep(Node);

    /// <summary>An element-wise activation (one node, or the GELU / SiLU subgraph starting at Node).</summary>
    internal sealed record ActivationStep(OnnxNode Node, Act Activation, float Alpha) : ChainStep(Node);

    /// <summary>Softmax or LogSoftmax over the features axis.</summary>
    internal sealed record SoftmaxStep(OnnxNode Node, bool Log) : ChainStep(Node);
}
