namespace NetGen.Tests.Networks;

[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(128, 128, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class CompactDigitsNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 1)]
[Dense(17, Act.Tanh)]
[Dense(3, Act.Elu, Init.LeCunNormal, Alpha = 0.5)]
[Dense(2, Act.Sigmoid, UseBias = false)]
public partial class PerLayerRegressionNet;
