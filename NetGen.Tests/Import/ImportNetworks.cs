namespace NetGen.Tests.Import;

// Declared twins of the PyTorch models in tools/import/make_weights_fixture.py, compiled by the real generator
// under dotnet build; their weights come from the safetensors files listed as AdditionalFiles in the test project.

/// <summary>nn.Sequential(Linear(6,8), BatchNorm1d(8), ReLU, Linear(8,5), Tanh, Linear(5,3)): keys 0.weight, 1.running_mean, …</summary>
[Network(Inputs = 6, Loss = Loss.MeanSquaredError, Seed = 1)]
[Dense(8, Act.Relu, UseBias = true)] // PyTorch's Linear keeps its bias before BatchNorm1d
[BatchNorm(Epsilon = 1e-5)]
[Dense(5, Act.Tanh)]
[Dense(3)]
[Weights("Fixtures/ImportWeights/sequential.safetensors")]
public partial class SequentialImport;

/// <summary>fc1 → ELU → fc2 (no bias) → sigmoid → fc3 → softmax, saved as F16: keys fc1.weight, fc2.weight, fc3.bias, …</summary>
[Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 2)]
[Dense(7, Act.Elu)]
[Dense(6, Act.Sigmoid, UseBias = false)]
[Dense(3)]
[Weights("Fixtures/ImportWeights/named.safetensors")]
public partial class NamedImport;
