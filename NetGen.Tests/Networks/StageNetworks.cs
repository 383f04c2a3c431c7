namespace NetGen.Tests.Networks;

// Networks for the gradient checks through batch normalization, dropout and penalties, on odd
// sizes so vector tails are exercised. Smooth activations keep finite differences meaningful.

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Tanh)]
[BatchNorm(Momentum = 0.9)]
[Dense(9, Act.Elu)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dense(3)]
public partial class StageBatchNormNet;

[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 4)]
[Dense(11, Act.Sigmoid)]
[BatchNorm(Center = false, Scale = false)]
[Dense(6, Act.Softplus)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation, Scale = false)]
[Dense(2, Act.Tanh)]
public partial class StageBareBatchNormNet;

[Network(Inputs = 6, Loss = Loss.BinaryCrossEntropy, Seed = 5)]
[Dense(13, Act.Gelu, UseBias = true)]
[BatchNorm(Center = false)]
[Dense(9, Act.Silu)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation, Center = false)]
[Dense(2)]
public partial class StageKeptBiasNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 6)]
[Dense(17, Act.Tanh)]
[Dropout(0.3)]
[Dense(9, Act.Selu, Init.LeCunNormal)]
[AlphaDropout(0.2)]
[Dense(3)]
public partial class StageDropoutNet;

[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 7)]
[Dense(9, Act.Elu, L1 = 0.01, L2 = 0.02)]
[BatchNorm]
[Dropout(0.25)]
[Dense(3, Act.Linear, L2 = 0.05)]
public partial class StagePenaltyNet;

/// <summary>
/// Widths whose column tails (100 = 6·16 + 4, 70, 150) and a 5-wide output (too narrow to split by
/// columns, so split by rows) exercise every way the parallel kernels cut a product.
/// </summary>
[Network(Inputs = 37, Loss = Loss.SoftmaxCrossEntropy, Seed = 11)]
[Dense(100, Act.Selu, Init.LeCunNormal)]
[BatchNorm]
[Dense(70, Act.Relu, Init.HeNormal)]
[Dropout(0.2)]
[Dense(150, Act.Elu, Init.HeUniform)]
[Dense(5)]
public partial class WideThreadingNet;
