// The deep networks of the chapter 11 experiments (Géron, Hands-On ML, "Training Deep Neural Networks"):
// ten hidden layers of 100 units on the 64 standardized digit pixels, 10-way softmax. One class per
// configuration, because a NetGen network's shape, activation, initializer and batch norm are compile-time.
// The configurations the chapter (and NetGen's NG0022 advice) warns against are in NaiveNetworks.cs.
namespace NetGen.Samples.Experiments;

/// <summary>ReLU with He-normal kernels (the chapter's first fix).</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Relu)]
[Initializer(Init.HeNormal)]
public partial class ReluHeNet;

/// <summary>Leaky ReLU (α = 0.01) with He-normal kernels.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.LeakyRelu)]
[Initializer(Init.HeNormal)]
public partial class LeakyReluHeNet;

/// <summary>ELU (α = 1) with He-normal kernels.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Elu)]
[Initializer(Init.HeNormal)]
public partial class EluHeNet;

/// <summary>SELU with LeCun-normal kernels on standardized inputs: the self-normalizing setup.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Selu)]
[Initializer(Init.LeCunNormal)]
public partial class SeluLeCunNet;

/// <summary>ReLU, He normal, batch normalization before each activation (the original paper's placement).</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Relu)]
[Initializer(Init.HeNormal)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation)]
public partial class ReluHeBatchNormBeforeNet;

/// <summary>ReLU, He normal, batch normalization after each activation.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Relu)]
[Initializer(Init.HeNormal)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
public partial class ReluHeBatchNormAfterNet;
