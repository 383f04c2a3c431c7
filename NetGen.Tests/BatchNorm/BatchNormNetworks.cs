// The three networks of tools/reference/batchnorm.py (NetGen.Tests/Fixtures/batchnorm.json), declared
// layer for layer. PyTorch's BatchNorm1d(momentum=0.1, eps=1e-3) is Keras/NetGen momentum 0.9, epsilon 1e-3;
// affine=False is Center = false, Scale = false. A Dense followed by BN before the activation drops its
// bias by default (torch: Linear(bias=False)); a Dense before BN after the activation keeps it.
// The output layers are [Dense(n)] without an activation: the loss picks it (softmax, sigmoid, linear).
// Seeds are irrelevant: the tests overwrite every parameter and statistic with the fixture's.

namespace NetGen.Tests.BatchNorm;

/// <summary>"bn_before_after": 5 → 7 Relu (BN before) → 6 Tanh (BN after) → 3, CrossEntropyLoss.</summary>
[Network(Inputs = 5, Loss = Loss.SoftmaxCrossEntropy, Seed = 101)]
[Dense(7, Act.Relu)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation, Momentum = 0.9, Epsilon = 1e-3, Center = true, Scale = true)]
[Dense(6, Act.Tanh)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation, Momentum = 0.9, Epsilon = 1e-3, Center = true, Scale = true)]
[Dense(3)]
public partial class BnBeforeAfterNet;

/// <summary>"bn_no_affine": 4 → 9 Elu(1.0) (BN before, no γ/β) → 5 Sigmoid (BN after, no γ/β) → 2 linear, MSELoss.</summary>
[Network(Inputs = 4, Loss = Loss.MeanSquaredError, Seed = 202)]
[Dense(9, Act.Elu, Alpha = 1.0)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation, Momentum = 0.9, Epsilon = 1e-3, Center = false, Scale = false)]
[Dense(5, Act.Sigmoid)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation, Momentum = 0.9, Epsilon = 1e-3, Center = false, Scale = false)]
[Dense(2)]
public partial class BnNoAffineNet;

/// <summary>"bn_binary": 6 → 8 Selu (BN before) → 8 LeakyRelu(0.01) (BN before) → 1, BCEWithLogitsLoss.</summary>
[Network(Inputs = 6, Loss = Loss.BinaryCrossEntropy, Seed = 303)]
[Dense(8, Act.Selu)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation, Momentum = 0.9, Epsilon = 1e-3, Center = true, Scale = true)]
[Dense(8, Act.LeakyRelu, Alpha = 0.01)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation, Momentum = 0.9, Epsilon = 1e-3, Center = true, Scale = true)]
[Dense(1)]
public partial class BnBinaryNet;
