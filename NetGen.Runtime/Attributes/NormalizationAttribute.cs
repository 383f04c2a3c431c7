using System;

namespace NetGen
{
    /// <summary>
    /// Input normalization inside the network, as Keras's <c>Normalization</c> layer (axis −1): each input
    /// feature becomes (x − mean)/max(√variance, 1e-7), with one mean and one (population) variance per
    /// feature. The statistics come from data, <c>net.Adapt(features)</c> (Keras's <c>adapt()</c>), or from
    /// <see cref="Trainer.Fit"/>, which adapts a never-adapted network on its training rows before the first
    /// epoch (Keras requires the explicit call). They are non-trainable state: checkpoints, PyTorch state
    /// dicts and ONNX exports carry them, and <c>Predict</c> takes raw features. Inference folds the
    /// normalization into the first dense layer.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class NormalizationAttribute : Attribute
    {
        /// <summary>
        /// The axis that keeps its own statistics, as Keras's <c>axis</c>: −1 (the default) or 1, the feature axis
        /// of NetGen's [rows × features] inputs. Any other value is an error (NG0040).
        /// </summary>
        public int Axis { get; set; } = -1;
    }
}
