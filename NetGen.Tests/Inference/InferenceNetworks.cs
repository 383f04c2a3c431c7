namespace NetGen.Tests.Inference;

/// <summary>The network of issue 14's overflow report: 64 → 64 → 64, so (1 &lt;&lt; 26) + 1 rows of 64 wrap to 64 values.</summary>
[Network(Inputs = 64, Loss = Loss.MeanSquaredError, Seed = 14)]
[Layers(64, 64)]
public partial class Overflow64Net;

/// <summary>Wider than the single-sample stack limit (256), so Predict takes the thread's scratch; wide enough for the parallel kernels.</summary>
[Network(Inputs = 40, Loss = Loss.SoftmaxCrossEntropy, Seed = 21)]
[Dense(300, Act.Relu, Init.HeNormal)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dense(520, Act.Tanh)]
[Dense(6)]
public partial class WideInferenceNet;

/// <summary>The smallest shape: two inputs, one sigmoid output.</summary>
[Network(Inputs = 2, Loss = Loss.BinaryCrossEntropy, Seed = 2)]
[Layers(3, 1)]
public partial class TinyInferenceNet;
