namespace NetGen.Samples;

/// <summary>
/// The digits classifier: 8×8 images (64 standardized pixels) → two hidden ReLU layers of 128
/// with He-normal kernels (the chapter's pairing for ReLU) → 10 classes, softmax cross-entropy.
/// </summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
[Layers(128, 128, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class DigitsNet;
