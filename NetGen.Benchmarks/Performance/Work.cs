namespace NetGen.Benchmarks.Performance;

/// <summary>
/// The arithmetic and memory traffic of one workload, counted from its layers. Only the dense kernels' multiply-adds
/// are counted (2 FLOPs each); biases, activations, batch norm, the loss and the optimizer are left out, so the
/// counts are what the FMA peak bounds.
/// </summary>
internal sealed record Work(int Parameters, long MultiplyAdds, long FirstLayerMultiplyAdds, long WeightBytes)
{
    public static Work Of(INetwork network)
    {
        long multiplyAdds = 0, weights = 0;
        foreach (var layer in network.Layers)
        {
            multiplyAdds += (long)layer.Inputs * layer.Units;
            weights += (long)layer.Inputs * layer.Units + layer.Units;
        }
        var first = network.Layers[0];
        return new Work(network.ParameterCount, multiplyAdds, (long)first.Inputs * first.Units, weights * sizeof(float));
    }

    /// <summary>
    /// FLOPs of one sample's training step: forward 2·P, weight gradients 2·P, input gradients 2·P for every layer but
    /// the first (nobody needs ∂L/∂x of the data), P being the kernels' multiply-adds. This replaces the earlier
    /// 6 × parameters, which counted the first layer's input gradient (M: 784 × 256 of its 269k) and the biases.
    /// </summary>
    public double TrainingFlopsPerSample => 2.0 * MultiplyAdds + 2.0 * MultiplyAdds + 2.0 * (MultiplyAdds - FirstLayerMultiplyAdds);

    /// <summary>FLOPs of one sample's forward pass.</summary>
    public double InferenceFlopsPerSample => 2.0 * MultiplyAdds;
}
