namespace NetGen.Benchmarks.Performance;

// The five workloads of docs/PERFORMANCE.md: float32, softmax cross-entropy, ReLU with He normal
// unless said. Batch sizes live in Workload.All; the networks only fix the shapes.

/// <summary>S: 64-128-128-10.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(128, 128, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class SmallNet;

/// <summary>S-BN: S with batch normalization after each hidden dense layer, before the activation.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(128, 128, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation)]
public partial class SmallBatchNormNet;

/// <summary>M: 784-256-256-10.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(256, 256, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class MediumNet;

/// <summary>L: 784-1024-1024-1024-10.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(1024, 1024, 1024, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class LargeNet;

/// <summary>D: 64 → 20 hidden layers of 100, SELU with LeCun normal → 10.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Initializer(Init.LeCunNormal)]
[Activation(Act.Selu)]
public partial class DeepNet;
