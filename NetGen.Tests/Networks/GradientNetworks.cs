// Networks for the gradient checks: every hidden activation × every loss, on odd sizes
// (7 inputs; hidden 17, 33, 3; outputs 7, 3, 1 or 3) so vector tails are exercised at every width.
// Mean-squared-error networks also use the activation on the output layer.
// Regenerate with tools/generate_gradient_networks.py.

namespace NetGen.Tests.Networks;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Linear)]
[Dense(33, Act.Linear, Init.HeNormal)]
[Dense(3, Act.Linear, Init.LeCunUniform)]
[Dense(7)]
public partial class GradLinearSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Sigmoid)]
[Dense(33, Act.Sigmoid, Init.HeNormal)]
[Dense(3, Act.Sigmoid, Init.LeCunUniform)]
[Dense(7)]
public partial class GradSigmoidSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Tanh)]
[Dense(33, Act.Tanh, Init.HeNormal)]
[Dense(3, Act.Tanh, Init.LeCunUniform)]
[Dense(7)]
public partial class GradTanhSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Relu)]
[Dense(33, Act.Relu, Init.HeNormal)]
[Dense(3, Act.Relu, Init.LeCunUniform)]
[Dense(7)]
public partial class GradReluSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.LeakyRelu, Alpha = 0.2)]
[Dense(33, Act.LeakyRelu, Init.HeNormal, Alpha = 0.2)]
[Dense(3, Act.LeakyRelu, Init.LeCunUniform, Alpha = 0.2)]
[Dense(7)]
public partial class GradLeakyReluSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Elu, Alpha = 0.7)]
[Dense(33, Act.Elu, Init.HeNormal, Alpha = 0.7)]
[Dense(3, Act.Elu, Init.LeCunUniform, Alpha = 0.7)]
[Dense(7)]
public partial class GradEluSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Selu)]
[Dense(33, Act.Selu, Init.HeNormal)]
[Dense(3, Act.Selu, Init.LeCunUniform)]
[Dense(7)]
public partial class GradSeluSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Gelu)]
[Dense(33, Act.Gelu, Init.HeNormal)]
[Dense(3, Act.Gelu, Init.LeCunUniform)]
[Dense(7)]
public partial class GradGeluSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Silu)]
[Dense(33, Act.Silu, Init.HeNormal)]
[Dense(3, Act.Silu, Init.LeCunUniform)]
[Dense(7)]
public partial class GradSiluSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
[Dense(17, Act.Softplus)]
[Dense(33, Act.Softplus, Init.HeNormal)]
[Dense(3, Act.Softplus, Init.LeCunUniform)]
[Dense(7)]
public partial class GradSoftplusSoftmaxCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Linear)]
[Dense(33, Act.Linear, Init.HeNormal)]
[Dense(3, Act.Linear, Init.LeCunUniform)]
[Dense(3)]
public partial class GradLinearCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Sigmoid)]
[Dense(33, Act.Sigmoid, Init.HeNormal)]
[Dense(3, Act.Sigmoid, Init.LeCunUniform)]
[Dense(3)]
public partial class GradSigmoidCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Tanh)]
[Dense(33, Act.Tanh, Init.HeNormal)]
[Dense(3, Act.Tanh, Init.LeCunUniform)]
[Dense(3)]
public partial class GradTanhCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Relu)]
[Dense(33, Act.Relu, Init.HeNormal)]
[Dense(3, Act.Relu, Init.LeCunUniform)]
[Dense(3)]
public partial class GradReluCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.LeakyRelu, Alpha = 0.2)]
[Dense(33, Act.LeakyRelu, Init.HeNormal, Alpha = 0.2)]
[Dense(3, Act.LeakyRelu, Init.LeCunUniform, Alpha = 0.2)]
[Dense(3)]
public partial class GradLeakyReluCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Elu, Alpha = 0.7)]
[Dense(33, Act.Elu, Init.HeNormal, Alpha = 0.7)]
[Dense(3, Act.Elu, Init.LeCunUniform, Alpha = 0.7)]
[Dense(3)]
public partial class GradEluCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Selu)]
[Dense(33, Act.Selu, Init.HeNormal)]
[Dense(3, Act.Selu, Init.LeCunUniform)]
[Dense(3)]
public partial class GradSeluCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Gelu)]
[Dense(33, Act.Gelu, Init.HeNormal)]
[Dense(3, Act.Gelu, Init.LeCunUniform)]
[Dense(3)]
public partial class GradGeluCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Silu)]
[Dense(33, Act.Silu, Init.HeNormal)]
[Dense(3, Act.Silu, Init.LeCunUniform)]
[Dense(3)]
public partial class GradSiluCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.CategoricalCrossEntropy, Seed = 3)]
[Dense(17, Act.Softplus)]
[Dense(33, Act.Softplus, Init.HeNormal)]
[Dense(3, Act.Softplus, Init.LeCunUniform)]
[Dense(3)]
public partial class GradSoftplusCategoricalCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Linear)]
[Dense(33, Act.Linear, Init.HeNormal)]
[Dense(3, Act.Linear, Init.LeCunUniform)]
[Dense(1)]
public partial class GradLinearBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Sigmoid)]
[Dense(33, Act.Sigmoid, Init.HeNormal)]
[Dense(3, Act.Sigmoid, Init.LeCunUniform)]
[Dense(1)]
public partial class GradSigmoidBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Tanh)]
[Dense(33, Act.Tanh, Init.HeNormal)]
[Dense(3, Act.Tanh, Init.LeCunUniform)]
[Dense(1)]
public partial class GradTanhBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Relu)]
[Dense(33, Act.Relu, Init.HeNormal)]
[Dense(3, Act.Relu, Init.LeCunUniform)]
[Dense(1)]
public partial class GradReluBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.LeakyRelu, Alpha = 0.2)]
[Dense(33, Act.LeakyRelu, Init.HeNormal, Alpha = 0.2)]
[Dense(3, Act.LeakyRelu, Init.LeCunUniform, Alpha = 0.2)]
[Dense(1)]
public partial class GradLeakyReluBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Elu, Alpha = 0.7)]
[Dense(33, Act.Elu, Init.HeNormal, Alpha = 0.7)]
[Dense(3, Act.Elu, Init.LeCunUniform, Alpha = 0.7)]
[Dense(1)]
public partial class GradEluBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Selu)]
[Dense(33, Act.Selu, Init.HeNormal)]
[Dense(3, Act.Selu, Init.LeCunUniform)]
[Dense(1)]
public partial class GradSeluBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Gelu)]
[Dense(33, Act.Gelu, Init.HeNormal)]
[Dense(3, Act.Gelu, Init.LeCunUniform)]
[Dense(1)]
public partial class GradGeluBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Silu)]
[Dense(33, Act.Silu, Init.HeNormal)]
[Dense(3, Act.Silu, Init.LeCunUniform)]
[Dense(1)]
public partial class GradSiluBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
[Dense(17, Act.Softplus)]
[Dense(33, Act.Softplus, Init.HeNormal)]
[Dense(3, Act.Softplus, Init.LeCunUniform)]
[Dense(1)]
public partial class GradSoftplusBinaryCrossEntropyNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Linear)]
[Dense(33, Act.Linear, Init.HeNormal)]
[Dense(3, Act.Linear, Init.LeCunUniform)]
[Dense(3, Act.Linear)]
public partial class GradLinearMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Sigmoid)]
[Dense(33, Act.Sigmoid, Init.HeNormal)]
[Dense(3, Act.Sigmoid, Init.LeCunUniform)]
[Dense(3, Act.Sigmoid)]
public partial class GradSigmoidMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Tanh)]
[Dense(33, Act.Tanh, Init.HeNormal)]
[Dense(3, Act.Tanh, Init.LeCunUniform)]
[Dense(3, Act.Tanh)]
public partial class GradTanhMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Relu)]
[Dense(33, Act.Relu, Init.HeNormal)]
[Dense(3, Act.Relu, Init.LeCunUniform)]
[Dense(3, Act.Relu)]
public partial class GradReluMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.LeakyRelu, Alpha = 0.2)]
[Dense(33, Act.LeakyRelu, Init.HeNormal, Alpha = 0.2)]
[Dense(3, Act.LeakyRelu, Init.LeCunUniform, Alpha = 0.2)]
[Dense(3, Act.LeakyRelu, Alpha = 0.2)]
public partial class GradLeakyReluMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Elu, Alpha = 0.7)]
[Dense(33, Act.Elu, Init.HeNormal, Alpha = 0.7)]
[Dense(3, Act.Elu, Init.LeCunUniform, Alpha = 0.7)]
[Dense(3, Act.Elu, Alpha = 0.7)]
public partial class GradEluMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Selu)]
[Dense(33, Act.Selu, Init.HeNormal)]
[Dense(3, Act.Selu, Init.LeCunUniform)]
[Dense(3, Act.Selu)]
public partial class GradSeluMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Gelu)]
[Dense(33, Act.Gelu, Init.HeNormal)]
[Dense(3, Act.Gelu, Init.LeCunUniform)]
[Dense(3, Act.Gelu)]
public partial class GradGeluMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Silu)]
[Dense(33, Act.Silu, Init.HeNormal)]
[Dense(3, Act.Silu, Init.LeCunUniform)]
[Dense(3, Act.Silu)]
public partial class GradSiluMeanSquaredErrorNet;

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 3)]
[Dense(17, Act.Softplus)]
[Dense(33, Act.Softplus, Init.HeNormal)]
[Dense(3, Act.Softplus, Init.LeCunUniform)]
[Dense(3, Act.Softplus)]
public partial class GradSoftplusMeanSquaredErrorNet;
