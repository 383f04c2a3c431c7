// The deep sigmoid and tanh stacks of the chapter 11 experiments: exactly what NG0022 warns against
// (RandomNormal kernels, or no batch normalization, in 5+ saturating layers). They are on purpose: the
// "before" half of the vanishing-gradients experiment and the tanh/sigmoid entries of the activation
// comparison, which must be run without BN to compare activations alone.
//
// NG0022 is silenced for exactly these declarations by the #pragma below, restored after the last one: the
// generator reports its diagnostics inside the syntax tree, so a scoped pragma applies
// (PragmaSuppressionTests prove it). Every other network of NetGen.Samples keeps the advice.
namespace NetGen.Samples.Experiments;

#pragma warning disable NG0022 // on purpose: the chapter's advised-against "before" networks, shown failing

/// <summary>Deep sigmoid stack with N(0, 1) kernels: the chapter's starting point (saturation, vanishing gradients).</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Sigmoid)]
[Initializer(Init.RandomNormal, StdDev = 1.0)]
public partial class SigmoidNormal1Net;

/// <summary>The same stack with N(0, 0.1²) kernels: small weights instead of large ones.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Sigmoid)]
[Initializer(Init.RandomNormal, StdDev = 0.1)]
public partial class SigmoidNormal01Net;

/// <summary>The N(0, 1) sigmoid stack with batch normalization before every activation: BN as the fix that keeps the bad init.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Sigmoid)]
[Initializer(Init.RandomNormal, StdDev = 1.0)]
[BatchNorm(Placement = BatchNormPlacement.BeforeActivation)]
public partial class SigmoidNormal1BatchNormNet;

/// <summary>Deep sigmoid stack with Glorot (Xavier) uniform kernels, the chapter's init for sigmoid; no BN, as the activation comparison wants.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Sigmoid)]
[Initializer(Init.GlorotUniform)]
public partial class SigmoidGlorotNet;

/// <summary>Deep tanh stack with Glorot uniform kernels, no BN (the activation comparison).</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 10)]
[Activation(Act.Tanh)]
[Initializer(Init.GlorotUniform)]
public partial class TanhGlorotNet;
#pragma warning restore NG0022
