using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>One method per supported operator: check its attributes and constants, record a step, move the shape on.</summary>
    internal sealed partial class ChainWalker
    {
        // SELU constants (Klambauer et al. 2017), as ONNX's Selu defaults write them.
        private const double SeluAlpha = 1.6732632423543772, SeluGamma = 1.0507009873554805;

        private string? Gemm(OnnxNode node)
        {
            if (IntAttribute(node, "transA", 0) != 0) return FailNull($"node '{node.Label}' (Gemm) has transA=1: the chain value must be the left operand, untransposed");
            float alpha = FloatAttribute(node, "alpha", 1f), beta = FloatAttribute(node, "beta", 1f);
            if (alpha != 1f || (node.Inputs.Count > 2 && node.Inputs[2].Length > 0 && beta != 1f))
                return FailNull($"node '{node.Label}' (Gemm) has alpha={Number(alpha)}, beta={Number(beta)}: only alpha = beta = 1 is a dense layer");
            if (node.Inputs.Count < 2 || node.Inputs[0] != CurrentOf(node)) return FailNull($"node '{node.Label}' (Gemm) must take the chain value as A and a weight tensor as B");
            bool transposed = IntAttribute(node, "transB", 0) != 0;
            var kernel = Kernel(node, node.Inputs[1], transposed, out int inputs, out int units);
            if (kernel is null) return null;
            float[]? bias = null;
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0 && (bias = Vector(node, node.Inputs[2], units)) is null) return null;
            return Dense(node, inputs, units, kernel, bias);
        }

        private string? MatMul(OnnxNode node)
        {
            if (node.Inputs.Count != 2 || node.Inputs[0] != CurrentOf(node))
                return FailNull($"node '{node.Label}' (MatMul) must multiply the chain value (left) by a weight tensor (right)");
            var kernel = Kernel(node, node.Inputs[1], transposed: false, out int inputs, out int units);
            return kernel is null ? null : Dense(node, inputs, units, kernel, bias: null);
        }

        private string? Dense(OnnxNode node, int inputs, int units, float[] kernel, float[]? bias)
        {
            _steps.Add(new DenseStep(node, inputs, units, kernel, bias));
            _shape = new List<long?> { _shape[0], units };
            return Output(node);
        }

        /// <summary>A rank-2 weight checked against the features arriving, returned as [inputs × units].</summary>
        private float[]? Kernel(OnnxNode node, string name, bool transposed, out int inputs, out int units)
        {
            inputs = units = 0;
            if (_shape.Count != 2)
            {
                FailNull($"node '{node.Label}' ({node.OpType}) receives a tensor of shape {ShapeText}; a dense layer needs [batch, features] (flatten it first)");
                return null;
            }
            var tensor = ConstantTensor(node, name);
            if (tensor is null) return null;
            if (tensor.Dims.Count != 2)
            {
                FailNull($"weight '{name}' of node '{node.Label}' ({node.OpType}) has shape {TensorValues.Shape(tensor.Dims)}; a dense weight is a matrix");
                return null;
            }
            var values = TensorValues.Floats(tensor, out string? problem);
            if (values is null) return Failed(problem);
            (inputs, units) = transposed ? ((int)tensor.Dims[1], (int)tensor.Dims[0]) : ((int)tensor.Dims[0], (int)tensor.Dims[1]);
            if (Features is { } features && features != inputs)
            {
                FailNull($"weight '{name}' of node '{node.Label}' ({node.OpType}) has shape {TensorValues.Shape(tensor.Dims)}{(transposed ? " (transB=1: [units, inputs])" : " ([inputs, units])")}, so it takes {inputs} features, but the chain carries {Format(features)} here (shape {ShapeText})");
                return null;
            }
            if (inputs == 0 || units == 0) return Failed($"weight '{name}' of node '{node.Label}' ({node.OpType}) has an empty shape {TensorValues.Shape(tensor.Dims)}");
            if (!transposed) return values;
            // PyTorch's Linear stores [out, in]; NetGen's kernel is [in × out] row-major.
            var kernel = new float[values.Length];
            for (int unit = 0; unit < units; unit++)
                for (int input = 0; input < inputs; input++)
                    kernel[input * units + unit] = values[unit * inputs + input];
            return kernel;
        }

        private string? Elementwise(OnnxNode node, string current)
        {
            if (node.Inputs.Count != 2) return FailNull($"node '{node.Label}' ({node.OpType}) must have two inputs");
            bool chainFirst = node.Inputs[0] == current;
            if (!chainFirst && node.OpType is "Sub" or "Div")
                return FailNull($"node '{node.Label}' ({node.OpType}) computes constant {(node.OpType == "Sub" ? "−" : "÷")} chain value; only chain value {(node.OpType == "Sub" ? "−" : "÷")} constant is a recognised normalization");
            if (_shape.Count != 2) return FailNull($"node '{node.Label}' ({node.OpType}) acts on a tensor of shape {ShapeText}; per-feature constants need [batch, features]");
            var values = Vector(node, node.Inputs[chainFirst ? 1 : 0], Features);
            if (values is null) return null;
            if (node.OpType == "Div" && Array.IndexOf(values, 0f) >= 0) return FailNull($"node '{node.Label}' (Div) divides by zero");
            if (Features is not null || values.Length > 1) _shape[1] = values.Length;
            _steps.Add(new ElementwiseStep(node, node.OpType, values));
            return Output(node);
        }

        private string? BatchNormalization(OnnxNode node)
        {
            if (IntAttribute(node, "training_mode", 0) != 0) return FailNull($"node '{node.Label}' (BatchNormalization) is in training mode; export the model in eval mode");
            if (node.Inputs.Count != 5) return FailNull($"node '{node.Label}' (BatchNormalization) must have 5 inputs (X, scale, B, mean, var)");
            if (_shape.Count != 2) return FailNull($"node '{node.Label}' (BatchNormalization) acts on a tensor of shape {ShapeText}; only [batch, features] is a dense chain");
            var gamma = Vector(node, node.Inputs[1], Features, broadcast: false);
            var beta = gamma is null ? null : Vector(node, node.Inputs[2], gamma.Length, broadcast: false);
            var mean = beta is null ? null : Vector(node, node.Inputs[3], gamma!.Length, broadcast: false);
            var variance = mean is null ? null : Vector(node, node.Inputs[4], gamma!.Length, broadcast: false);
            if (variance is null) return null;
            float epsilon = FloatAttribute(node, "epsilon", 1e-5f);
            _shape[1] = gamma!.Length;
            _steps.Add(new BatchNormStep(node, epsilon, gamma, beta!, mean!, variance));
            return Output(node);
        }

        private string? Activation(OnnxNode node, Act activation, float alpha)
        {
            _steps.Add(new ActivationStep(node, activation, alpha));
            return Output(node);
        }

        private string? Selu(OnnxNode node)
        {
            float alpha = FloatAttribute(node, "alpha", (float)SeluAlpha), gamma = FloatAttribute(node, "gamma", (float)SeluGamma);
            if (Math.Abs(alpha - SeluAlpha) > 1e-6 || Math.Abs(gamma - SeluGamma) > 1e-6)
                return FailNull($"node '{node.Label}' (Selu) has alpha={Number(alpha)}, gamma={Number(gamma)}; NetGen's SELU uses the standard constants {Number((float)SeluAlpha)} and {Number((float)SeluGamma)}");
            return Activation(node, Act.Selu, 0);
        }

        private string? GeluOp(OnnxNode node)
        {
            var approximate = node.Attribute("approximate")?.S ?? "none";
            if (approximate != "none") return FailNull($"node '{node.Label}' (Gelu) uses approximate='{approximate}'; NetGen's GELU is the exact erf form");
            return Activation(node, Act.Gelu, 0);
        }

        private string? Softmax(OnnxNode node)
        {
            // Softmax's axis defaults to -1 from opset 13, to 1 before; on [batch, features] both mean features.
            long axis = IntAttribute(node, "axis", _opset >= 13 ? -1 : 1);
            if (_shape.Count != 2 || (axis != 1 && axis != -1))
                return FailNull($"node '{node.Label}' ({node.OpType}) applies axis {axis.ToString(CultureInfo.InvariantCulture)} to a tensor of shape {ShapeText}; only the features axis of [batch, features] is supported");
            _steps.Add(new SoftmaxStep(node, node.OpType == "LogSoftmax"));
            return Output(node);
        }

        private string? Dropout(OnnxNode node)
        {
            // Opset 12+ takes ratio and training_mode as inputs; training_mode must be absent or false.
            if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
            {
                var mode = ConstantTensor(node, node.Inputs[2]);
                var values = mode is null ? null : TensorValues.Int64s(mode, out _);
                if (values is not { Length: 1 } || values[0] != 0) return FailNull($"node '{node.Label}' (Dropout) is in training mode; export the model in eval mode");
            }
            return Output(node);
        }

        private string? Flatten(OnnxNode node)
        {
            long axis = IntAttribute(node, "axis", 1);
            if (axis < 0) axis += _shape.Count;
            if (axis != 1) return FailNull($"node '{node.Label}' (Flatten) uses axis {IntAttribute(node, "axis", 1).ToString(CultureInfo.InvariantCulture)} on a tensor of shape {ShapeText}; only axis 1 keeps the batch dimension");
            long? features = 1;
            for (int i = 1; i < _shape.Count; i++) features = features is { } sofar && _shape[i] is { } size && size <= int.MaxValue && sofar * size <= int.MaxValue ? sofar * size : null;
            _shape = new List<long?> { _shape.Count > 0 ? _shape[0] : null, features };
            return Output(node);
        }

        private string? Reshape(OnnxNode node)
        {
            var tensor = node.Inputs.Count == 2 ? ConstantTensor(node, node.Inputs[1]) : null;
            if (tensor is null) return _problems.Count > 0 ? null : FailNull($"node '{node.Label}' (Reshape) needs a constant target shape");
            var target = TensorValues.Int64s(tensor, out string? problem);
            if (target is null) return FailNull(problem!);
            long? features = null;
            if (_shape.Count >= 2)
            {
                features = 1;
                for (int i = 1; i < _shape.Count; i++) features = features is { } sofar && _shape[i] is { } size && size <= int.MaxValue && sofar * size <= int.MaxValue ? sofar * size : null;
            }
            // Allowed: [-1 | 0 | batch, features | -1], not both -1: the result is [batch, features] again.
            bool keepsBatch = target.Length == 2 && (target[0] is -1 or 0 || (_shape.Count > 0 && _shape[0] == target[0]));
            bool keepsFeatures = target.Length == 2 && (target[1] == -1 ? target[0] != -1 : features is null || target[1] == features);
            if (!keepsBatch || !keepsFeatures)
                return FailNull($"node '{node.Label}' (Reshape) turns a tensor of shape {ShapeText} into [{string.Join(", ", target)}]; only a reshape to [batch, features] is a no-op in a dense chain");
            _shape = new List<long?> { _shape.Count > 0 ? _shape[0] : null, target[1] == -1 ? features : target[1] };
            return Output(node);
        }

        /// <summary>A per-feature constant: [n], [1, n], or (when <paramref name="broadcast"/>) one value repeated for n features.</summary>
        private float[]? Vector(OnnxNode node, string name, long? features, bool broadcast = true)
        {
            var tensor = ConstantTensor(node, name);
            if (tensor is null) return null;
            var values = TensorValues.Floats(tensor, out string? problem);
            if (values is null) return Failed(problem);
            bool rowShaped = true;
            for (int i = 0; i < tensor.Dims.Count - 1; i++) rowShaped &= tensor.Dims[i] == 1;
            if (rowShaped && broadcast && values.Length == 1 && features is { } count && count > 1)
            {
                var repeated = new float[count];
                for (int i = 0; i < repeated.Length; i++) repeated[i] = values[0];
                return repeated;
            }
            if (!rowShaped || tensor.Dims.Count > 2 || (features is { } expected && values.Length != expected) || values.Length == 0)
                return Failed($"tensor '{name}' of node '{node.Label}' ({node.OpType}) has shape {TensorValues.Shape(tensor.Dims)}, but the chain carries {Format(features)} features here (shape {ShapeText}): it must be [{Format(features)}]{(broadcast ? " or a scalar" : "")}");
            return values;
        }

        private OnnxTensor? ConstantTensor(OnnxNode node, string name)
        {
            if (_index.Constant(name) is { } tensor) return tensor;
            FailNull($"input '{name}' of node '{node.Label}' ({node.OpType}) is neither an initializer nor a Constant: a missing initializer, or a weight that is computed, which a dense chain cannot have");
            return null;
        }

        /// <summary>The chain value this node reads (the walker checked it reads exactly one).</summary>
        private string? CurrentOf(OnnxNode node)
        {
            foreach (var input in node.Inputs)
                if (input.Length > 0 && !_index.IsConstant(input)) return input;
            return null;
        }

        private static float FloatAttribute(OnnxNode node, string name, float fallback) => node.Attribute(name) is { } attribute ? attribute.F : fallback;

        private static long IntAttribute(OnnxNode node, string name, long fallback) => node.Attribute(name) is { } attribute ? attribute.I : fallback;

        private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

        private float[]? Failed(string? problem)
        {
            _problems.Add(problem!);
            return null;
        }
    }
}
