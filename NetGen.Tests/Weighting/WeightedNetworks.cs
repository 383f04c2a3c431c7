namespace NetGen.Tests.Weighting;

// The networks of tools/reference/weighted_losses.py: 4 inputs, Dense(5, tanh), then the output layer.

[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Dense(5, Act.Tanh)]
[Dense(3)]
public partial class WeightedSoftmaxNet;

[Network(Inputs = 4, Loss = Loss.BinaryCrossEntropy, Seed = 1)]
[Dense(5, Act.Tanh)]
[Dense(1)]
public partial class WeightedBinaryNet;

[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Seed = 1)]
[Dense(5, Act.Tanh)]
[Dense(2)]
public partial class WeightedRegressionNet;

// A non-linear MSE output: PredictLogits then runs its own pass without the output activation.
[Network(Inputs = 3, Loss = Loss.MeanSquaredError, Seed = 4)]
[Dense(6, Act.Relu)]
[Dense(2, Act.Sigmoid)]
public partial class SigmoidRegressionNet;
