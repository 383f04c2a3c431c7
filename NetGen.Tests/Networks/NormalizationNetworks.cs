namespace NetGen.Tests.Networks;

// Networks with input normalization ([Normalization]).

/// <summary>The network of tools/reference/normalization.py: 4 → normalization → 5 tanh → 3, softmax cross-entropy.</summary>
[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Normalization]
[Dense(5, Act.Tanh)]
[Dense(3)]
public partial class NormReferenceNet;

/// <summary>Normalization beside batch norm in both placements: layer 0's BN fold and the normalization fold stack.</summary>
[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Seed = 2)]
[Normalization]
[Dense(6, Act.Tanh, UseBias = false)]
[BatchNorm]
[Dense(5, Act.Elu)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dense(2)]
public partial class NormBatchNormNet;

/// <summary>A classifier to train, save and reload.</summary>
[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Normalization]
[Layers(16, 3)]
[Activation(Act.Relu)]
public partial class NormClassifierNet;

/// <summary>A classifier with normalization and batch norm in both placements, for the ONNX export.</summary>
[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 6)]
[Normalization]
[Dense(12, Act.Relu)]
[BatchNorm]
[Dense(8, Act.Tanh)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dense(3)]
public partial class NormBatchNormNetClassifier;
