namespace NetGen.Tests.Prediction;

// Batch norm before and after activations, plain and alpha dropout: what Summary() must count and show.
[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Dense(8, Act.Relu)]
[BatchNorm]
[Dropout(0.25)]
[Dense(4, Act.Tanh)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation, Center = false)]
[Dense(5, Act.Selu, Init.LeCunNormal)]
[AlphaDropout(0.1)]
[Dense(3)]
public partial class SummaryNet;

[Network(Inputs = 3, Loss = Loss.BinaryCrossEntropy, Seed = 2)]
[Dense(4, Act.Tanh)]
[Dense(1)]
public partial class SigmoidClassifierNet;

[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(5, Act.Tanh)]
[Dense(2)]
public partial class TwoOutputRegressionNet;

/// <summary>Input normalization and a sigmoid output on a regression loss: PredictLogits runs its own pass over the fold.</summary>
[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Seed = 7)]
[Normalization]
[Dense(5, Act.Tanh)]
[Dense(2, Act.Sigmoid)]
public partial class NormalizedSigmoidRegressionNet;
