namespace NetGen.Samples.Scale;

/// <summary>
/// The digits classifier trained on two processes with PyTorch DistributedDataParallel
/// (tools/scale/train_ddp.py): raw pixels → standardization → 128 ReLU → 10-way softmax. The
/// generator reads digits-ddp.onnx at build time and embeds its weights; Predict returns probabilities.
/// </summary>
[OnnxModel("digits-ddp.onnx")]
public partial class ScaledDigitsNet;
