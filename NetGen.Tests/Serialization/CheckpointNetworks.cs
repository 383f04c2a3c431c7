namespace NetGen.Tests.Serialization;

/// <summary>A plain network for checkpoints: no batch normalization, dropout and an activation with alpha.</summary>
[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 11)]
[Dense(10, Act.Relu)]
[Dropout(0.2)]
[Dense(5, Act.LeakyRelu, Alpha = 0.1)]
[Dense(3)]
public partial class CheckpointPlainNet;

/// <summary>The same tensors as <see cref="CheckpointPlainNet"/> (names and shapes), another activation: its checkpoints must not load there.</summary>
[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 11)]
[Dense(10, Act.Relu)]
[Dropout(0.2)]
[Dense(5, Act.Elu, Alpha = 0.1)]
[Dense(3)]
public partial class CheckpointTwinNet;
