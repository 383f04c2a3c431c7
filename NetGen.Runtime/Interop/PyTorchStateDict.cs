using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// Moves weights between a generated network and a PyTorch <c>state_dict</c> of <c>nn.Linear</c> and
    /// <c>nn.BatchNorm1d</c> layers stored as safetensors. Names: <c>layer{i}.weight</c> ([out × in], PyTorch's
    /// layout; NetGen stores [in × out] and transposes), <c>layer{i}.bias</c>, <c>layer{i}.bn.weight</c> (γ),
    /// <c>layer{i}.bn.bias</c> (β), <c>layer{i}.bn.running_mean</c>, <c>layer{i}.bn.running_var</c>;
    /// <c>*.num_batches_tracked</c> (an I64 scalar in PyTorch's files) is ignored, whatever its dtype. A network with
    /// <see cref="NormalizationAttribute"/> adds <c>norm.mean</c> and <c>norm.variance</c> ([inputs], as buffers of a
    /// module computing <c>(x − mean) / clamp(sqrt(variance), min=1e-7)</c>) and <c>norm.count</c> ([1], the rows adapted
    /// on; 0 means never adapted, so <see cref="Trainer.Fit"/> would adapt it). BN
    /// hyperparameters are not in a state dict: declare the same epsilon (PyTorch's default 1e-5) and momentum
    /// (NetGen momentum = 1 − PyTorch momentum). <see cref="Import(INetwork, string)"/> also accepts a real
    /// <c>model.state_dict()</c> without renaming: <c>nn.Sequential</c> keys (<c>0.weight</c>, <c>1.running_mean</c>)
    /// and named-module keys (<c>fc1.weight</c>, <c>bn1.running_var</c>), matched to the layers by order and shape.
    /// </summary>
    /// <remarks>
    /// Files may hold F32, F16, BF16 or F64 tensors: they become float32 as PyTorch's <c>tensor.float()</c> makes
    /// them (F16 and BF16 exactly, F64 rounded to nearest; a finite F64 value beyond float32's range is refused).
    /// Any other dtype is refused naming the tensor and dtype. Imported values must be finite, and a running
    /// variance must be ≥ 0: anything else would make every prediction garbage, so it is refused
    /// (<see cref="CheckpointFailure.TensorValues"/>) naming the tensor and element, and the network is unchanged.
    /// </remarks>
    public static class PyTorchStateDict
    {
        /// <summary>Imports a safetensors state dict from <paramref name="path"/>; see <see cref="Import(INetwork, IReadOnlyDictionary{string, CheckpointTensor})"/>.</summary>
        /// <exception cref="CheckpointException">The file is damaged, holds a dtype that cannot be read, or does not fit the network.</exception>
        public static void Import(INetwork network, string path)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (path is null) throw new ArgumentNullException(nameof(path));
            Import(network, CheckpointReader.ReadTensors(Checkpoint.ReadFile(path), IsBatchCounter));
        }

        /// <summary>
        /// Copies every tensor into <paramref name="network"/> after matching the names to its layers by the key
        /// schemes on the class (NetGen's own <c>layer{i}.weight</c>, PyTorch <c>nn.Sequential</c> <c>0.weight</c> /
        /// <c>1.running_mean</c>, named modules <c>fc1.weight</c> / <c>bn1.running_var</c> in order of appearance),
        /// checking every shape and that every value is usable (finite; running variances ≥ 0); on any failure
        /// throws <see cref="CheckpointException"/> naming the layer and tensor, and the network is unchanged.
        /// The same matching runs at build time for <c>[Weights]</c>, with the same messages.
        /// </summary>
        public static void Import(INetwork network, IReadOnlyDictionary<string, CheckpointTensor> tensors)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (tensors is null) throw new ArgumentNullException(nameof(tensors));
            var named = new List<KeyValuePair<string, long[]>>();
            bool normalized = network.Normalization is not null;
            foreach (var pair in tensors)
                if (!(normalized && NormalizationKeys.Contains(pair.Key))) named.Add(new KeyValuePair<string, long[]>(pair.Key, ToArray(pair.Value.Shape)));
            if (normalized) CheckNormalization(network.InputSize, tensors);
            var layers = new List<StateDictLayer>();
            foreach (var layer in network.Layers)
                layers.Add(new StateDictLayer(layer.Inputs, layer.Units, layer.HasBias, layer.BatchNorm is not null,
                    layer.BatchNorm is { HasGamma: true }, layer.BatchNorm is { HasBeta: true }));
            var matches = StateDictKeys.Match(named, layers, out var error)
                ?? throw new CheckpointException(CheckpointFailure.TensorSet, error + ".");
            foreach (var match in matches) CheckValues(match.Name, tensors[match.Name].Values, match.Role == StateDictRole.Variance);
            // Everything checked: now copy.
            var parameters = network.Parameters;
            var state = network.State;
            foreach (var match in matches)
            {
                var layer = network.Layers[match.Layer];
                var values = tensors[match.Name].Values;
                var (offset, inState) = Place(layer, match.Role);
                var destination = (inState ? state : parameters).Slice(offset, values.Length);
                if (match.Transposed) Transpose(values, destination, rows: layer.Units, columns: layer.Inputs);
                else values.CopyTo(destination);
            }
            // The normalization's statistics lead the state: mean [F], variance [F], count [1] (NormalizationView).
            if (normalized)
                for (int k = 0; k < NormalizationKeys.Length; k++)
                    tensors[NormalizationKeys[k]].Values.CopyTo(state.Slice(k * network.InputSize));
        }

        /// <summary>The state-dict names of a [Normalization]'s statistics, in their order in the state.</summary>
        private static readonly string[] NormalizationKeys = { "norm.mean", "norm.variance", "norm.count" };

        /// <summary>A normalized network needs all three statistics, with their shapes and usable values.</summary>
        private static void CheckNormalization(int features, IReadOnlyDictionary<string, CheckpointTensor> tensors)
        {
            foreach (var key in NormalizationKeys)
            {
                if (!tensors.TryGetValue(key, out var tensor))
                    throw new CheckpointException(CheckpointFailure.TensorSet, $"tensor {key} is missing (this network has [Normalization]).");
                long expected = key == "norm.count" ? 1 : features;
                if (tensor.Shape.Count != 1 || tensor.Shape[0] != expected)
                    throw new CheckpointException(CheckpointFailure.TensorSet,
                        $"tensor {key} has shape [{string.Join(", ", tensor.Shape)}]; this network needs [{expected}].");
                CheckValues(key, tensor.Values, variance: key != "norm.mean");
            }
        }

        /// <summary>Where a matched tensor goes: its offset, and whether in the state buffer.</summary>
        private static (int Offset, bool InState) Place(DenseLayerInfo layer, StateDictRole role)
        {
            var norm = layer.BatchNorm;
            return StateDictPlacement.Of(role, layer.KernelOffset, layer.BiasOffset,
                norm?.GammaOffset ?? -1, norm?.BetaOffset ?? -1, norm?.MeanOffset ?? -1, norm?.VarianceOffset ?? -1);
        }

        /// <summary>The network's weights as a PyTorch state dict (names and layouts as described on the class).</summary>
        public static IReadOnlyDictionary<string, CheckpointTensor> Export(INetwork network)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            var result = new SortedDictionary<string, CheckpointTensor>(StringComparer.Ordinal);
            ReadOnlySpan<float> parameters = network.Parameters, state = network.State;
            foreach (var pair in Layout(network))
            {
                var slot = pair.Value;
                int count = (int)(slot.Shape.Length == 2 ? slot.Shape[0] * slot.Shape[1] : slot.Shape[0]);
                var source = (slot.InState ? state : parameters).Slice(slot.Offset, count);
                var values = new float[count];
                // NetGen's kernel is [in × out] = PyTorch's weight [out × in] transposed.
                if (slot.Transposed) Transpose(source, values, rows: (int)slot.Shape[1], columns: (int)slot.Shape[0]);
                else source.CopyTo(values);
                result.Add(pair.Key, new CheckpointTensor(slot.Shape, values));
            }
            return result;
        }

        /// <summary>Writes <see cref="Export"/> as a safetensors file (atomically), for <c>safetensors.torch.load_file</c>.</summary>
        public static void Save(INetwork network, string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var tensors = new List<(string, long[], float[])>();
            foreach (var pair in Export(network)) tensors.Add((pair.Key, ToArray(pair.Value.Shape), pair.Value.Values));
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt", ["source"] = "NetGen " + Checkpoint.ArchitectureOf(network) };
            AtomicFile.Replace(path, stream => CheckpointWriter.WriteFile(stream, tensors, metadata));
        }

        /// <summary>PyTorch's BN step counter: no NetGen value corresponds to it.</summary>
        private static bool IsBatchCounter(string name) => StateDictKeys.IsBatchCounter(name);

        /// <summary>Refuses values a network must not run on: a NaN or negative variance, any non-finite value.</summary>
        private static void CheckValues(string name, float[] values, bool variance)
        {
            for (int i = 0; i < values.Length; i++)
            {
                float value = values[i];
                if (float.IsFinite(value) && !(variance && value < 0)) continue;
                string rule = variance && !(value > 0) ? (name == "norm.count" ? "a count must be ≥ 0" : name == "norm.variance" ? "a variance must be ≥ 0" : "a running variance must be ≥ 0") : "every imported value must be finite";
                throw new CheckpointException(CheckpointFailure.TensorValues,
                    $"tensor {name}: element {i} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; {rule}");
            }
        }

        private readonly record struct Slot(long[] Shape, int Offset, bool InState, bool Transposed);

        /// <summary>NetGen's checkpoint tensor names (the same walk over the layers) and their PyTorch names.</summary>
        private static readonly (string NetGen, string PyTorch)[] Suffixes =
        {
            (".kernel", ".weight"), (".bias", ".bias"), (".bn.gamma", ".bn.weight"), (".bn.beta", ".bn.bias"),
            (".bn.moving_mean", ".bn.running_mean"), (".bn.moving_variance", ".bn.running_var"),
            ("normalization.mean", "norm.mean"), ("normalization.variance", "norm.variance"), ("normalization.count", "norm.count"),
        };

        /// <summary>The checkpoint layout under PyTorch's names; a kernel [in × out] is a weight [out × in].</summary>
        private static Dictionary<string, Slot> Layout(INetwork network)
        {
            var slots = new Dictionary<string, Slot>(StringComparer.Ordinal);
            foreach (var slot in CheckpointLayout.For(network))
            {
                foreach (var (netgen, pytorch) in Suffixes)
                {
                    if (!slot.Name.EndsWith(netgen, StringComparison.Ordinal)) continue;
                    string name = slot.Name.Substring(0, slot.Name.Length - netgen.Length) + pytorch;
                    bool kernel = netgen == ".kernel";
                    var shape = kernel ? new[] { slot.Shape[1], slot.Shape[0] } : slot.Shape;
                    slots.Add(name, new Slot(shape, slot.Offset, slot.InState, kernel));
                    break;
                }
            }
            return slots;
        }

        /// <summary>destination[c·rows + r] = source[r·columns + c]: a [rows × columns] matrix written as [columns × rows].</summary>
        private static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
        {
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    destination[c * rows + r] = source[r * columns + c];
        }

        private static long[] ToArray(IReadOnlyList<long> shape)
        {
            var result = new long[shape.Count];
            for (int i = 0; i < result.Length; i++) result[i] = shape[i];
            return result;
        }
    }
}
