using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen
{
    /// <summary>The part of a dense layer a state-dict tensor holds.</summary>
    internal enum StateDictRole
    {
        Kernel,
        Bias,
        Gamma,
        Beta,
        Mean,
        Variance,
    }

    /// <summary>Where a matched tensor goes, given a layer's offsets (−1 for a part the layer lacks).</summary>
    internal static class StateDictPlacement
    {
        /// <summary>The offset of <paramref name="role"/>'s values, and whether they live in the state (moving statistics) rather than the parameters.</summary>
        public static (int Offset, bool InState) Of(StateDictRole role, int kernel, int bias, int gamma, int beta, int mean, int variance) => role switch
        {
            StateDictRole.Kernel => (kernel, false),
            StateDictRole.Bias => (bias, false),
            StateDictRole.Gamma => (gamma, false),
            StateDictRole.Beta => (beta, false),
            StateDictRole.Mean => (mean, true),
            _ => (variance, true),
        };
    }

    /// <summary>What a declared layer holds, as the key matching needs it.</summary>
    internal readonly struct StateDictLayer
    {
        public StateDictLayer(int inputs, int units, bool hasBias, bool hasBatchNorm, bool hasGamma, bool hasBeta)
        {
            Inputs = inputs;
            Units = units;
            HasBias = hasBias;
            HasBatchNorm = hasBatchNorm;
            HasGamma = hasGamma;
            HasBeta = hasBeta;
        }

        public int Inputs { get; }

        public int Units { get; }

        public bool HasBias { get; }

        public bool HasBatchNorm { get; }

        public bool HasGamma { get; }

        public bool HasBeta { get; }
    }

    /// <summary>
    /// One tensor matched to a layer. <see cref="Transposed"/>: the file holds PyTorch's [units × inputs]
    /// weight, which NetGen stores as an [inputs × units] kernel.
    /// </summary>
    internal readonly struct StateDictMatch
    {
        public StateDictMatch(string name, int layer, StateDictRole role, bool transposed)
        {
            Name = name;
            Layer = layer;
            Role = role;
            Transposed = transposed;
        }

        public string Name { get; }

        public int Layer { get; }

        public StateDictRole Role { get; }

        public bool Transposed { get; }
    }

    /// <summary>
    /// Matches the tensor names of a state dict to declared dense layers, by order and shape; written once and
    /// compiled into both the generator (<c>[Weights]</c> at build time) and the runtime
    /// (<c>PyTorchStateDict.Import</c>), so both accept the same files with the same messages. Key schemes:
    /// NetGen's own (<c>layer{i}.kernel</c> / <c>.weight</c>, <c>layer{i}.bn.gamma</c> / <c>.bn.weight</c>, …),
    /// PyTorch <c>nn.Sequential</c> (<c>0.weight</c>, <c>1.running_mean</c>: modules ordered by their index, gaps
    /// for activation modules allowed) and named modules (<c>fc1.weight</c>, <c>bn1.running_var</c>: in order of
    /// appearance). A module with a 2-D <c>weight</c> is a Linear layer; one with running statistics is the
    /// batch norm of the Linear before it. <c>*.num_batches_tracked</c> is ignored. Never throws: a mismatch is
    /// a message naming the layer and both shapes.
    /// </summary>
    internal static class StateDictKeys
    {
        private const string BatchCounter = ".num_batches_tracked";

        /// <summary>What follows <c>layer{i}.</c> in NetGen's names: PyTorchStateDict's and a checkpoint's.</summary>
        private static readonly string[] OwnLeaves =
        {
            "weight", "kernel", "bias", "bn.weight", "bn.gamma", "bn.bias", "bn.beta",
            "bn.running_mean", "bn.moving_mean", "bn.running_var", "bn.moving_variance",
        };

        /// <summary>PyTorch's batch-norm step counter: no NetGen value corresponds to it.</summary>
        public static bool IsBatchCounter(string name) => name.EndsWith(BatchCounter, StringComparison.Ordinal);

        /// <summary>
        /// Matches <paramref name="tensors"/> (name and shape, in file order) to <paramref name="layers"/>; returns
        /// null and sets <paramref name="error"/> when anything is missing, extra or of the wrong shape.
        /// </summary>
        public static List<StateDictMatch>? Match(IReadOnlyList<KeyValuePair<string, long[]>> tensors, IReadOnlyList<StateDictLayer> layers, out string? error)
        {
            error = null;
            var modules = Modules(tensors, out bool ownNames);
            var matches = new List<StateDictMatch>();
            var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (var pair in tensors) shapes[pair.Key] = pair.Value;

            int layer = -1;
            foreach (var module in modules)
            {
                bool isBatchNorm = module.Has("running_mean") || module.Has("running_var") || module.Has("moving_mean") || module.Has("moving_variance");
                if (!isBatchNorm)
                {
                    layer++;
                    if (layer >= layers.Count)
                    {
                        error = $"tensor {module.First} has no place in this network ({Describe(layers)}): it declares {layers.Count} dense layers and the file holds more";
                        return null;
                    }
                    if (!Place(module, layer, layers[layer], ownNames, shapes, matches, out error)) return null;
                    continue;
                }
                if (layer < 0 || !layers[layer].HasBatchNorm)
                {
                    string where = layer < 0 ? "before the first dense layer" : $"after layer {layer}, which declares no [BatchNorm]";
                    error = $"tensor {module.First} is a batch norm {where} ({Describe(layers)})";
                    return null;
                }
                if (!PlaceBatchNorm(module, layer, layers[layer], shapes, matches, out error)) return null;
            }
            if (layer + 1 < layers.Count)
            {
                error = $"tensor {Prefix(ownNames, layer + 1)}.weight is missing: the file holds {layer + 1} dense layers and this network ({Describe(layers)}) declares {layers.Count}";
                return null;
            }
            for (int i = 0; i < layers.Count; i++)
            {
                if (!layers[i].HasBatchNorm || matches.Exists(m => m.Layer == i && m.Role == StateDictRole.Mean)) continue;
                error = $"tensor {Prefix(ownNames, i)}.bn.running_mean is missing: layer {i} declares [BatchNorm] and the file holds no batch norm after it";
                return null;
            }
            return matches;
        }

        private static bool Place(Module module, int index, StateDictLayer layer, bool ownNames, Dictionary<string, long[]> shapes, List<StateDictMatch> matches, out string? error)
        {
            error = null;
            string? kernel = module.Name("kernel");
            string? weight = kernel ?? module.Name("weight");
            if (weight is null)
            {
                error = $"tensor {module.First} has no place in this network: layer {index} needs a weight beside it";
                return false;
            }
            // NetGen's checkpoint kernel is [inputs × units]; every PyTorch weight is [units × inputs].
            var expected = kernel is not null ? new long[] { layer.Inputs, layer.Units } : new long[] { layer.Units, layer.Inputs };
            if (!Check(weight, shapes[weight], expected, index, layer, out error)) return false;
            matches.Add(new StateDictMatch(weight, index, StateDictRole.Kernel, transposed: kernel is null));

            string? bias = module.Name("bias");
            if ((bias is not null) != layer.HasBias)
            {
                error = bias is null
                    ? $"tensor {module.Prefix}.bias is missing: layer {index} ({Describe(layer)}) declares a bias"
                    : $"tensor {bias} has no place in this network: layer {index} ({Describe(layer)}) declares no bias (UseBias = false, or the default before a batch norm: write UseBias = true)";
                return false;
            }
            if (bias is not null)
            {
                if (!Check(bias, shapes[bias], new long[] { layer.Units }, index, layer, out error)) return false;
                matches.Add(new StateDictMatch(bias, index, StateDictRole.Bias, false));
            }
            // NetGen's own names keep the batch norm inside the layer's prefix: layer{i}.bn.*.
            if (ownNames && module.Nested is { } batchNorm) return PlaceBatchNorm(batchNorm, index, layer, shapes, matches, out error);
            return module.RejectOthers(ownNames ? new[] { "kernel", "weight", "bias" } : new[] { "weight", "bias" }, out error);
        }

        private static bool PlaceBatchNorm(Module module, int index, StateDictLayer layer, Dictionary<string, long[]> shapes, List<StateDictMatch> matches, out string? error)
        {
            error = null;
            if (!layer.HasBatchNorm)
            {
                error = $"tensor {module.First} is a batch norm after layer {index}, which declares no [BatchNorm]";
                return false;
            }
            var roles = new (StateDictRole Role, string[] Keys, bool Wanted)[]
            {
                (StateDictRole.Gamma, new[] { "weight", "gamma" }, layer.HasGamma),
                (StateDictRole.Beta, new[] { "bias", "beta" }, layer.HasBeta),
                (StateDictRole.Mean, new[] { "running_mean", "moving_mean" }, true),
                (StateDictRole.Variance, new[] { "running_var", "moving_variance" }, true),
            };
            foreach (var (role, keys, wanted) in roles)
            {
                string? name = module.Name(keys[0]) ?? module.Name(keys[1]);
                if ((name is null) == wanted)
                {
                    error = name is null
                        ? $"tensor {module.Prefix}.{keys[0]} is missing: layer {index}'s batch norm needs it"
                        : $"tensor {name} has no place in this network: layer {index}'s batch norm is declared without it (Scale/Center = false)";
                    return false;
                }
                if (name is null) continue;
                if (!Check(name, shapes[name], new long[] { layer.Units }, index, layer, out error)) return false;
                matches.Add(new StateDictMatch(name, index, role, false));
            }
            return module.RejectOthers(new[] { "weight", "gamma", "bias", "beta", "running_mean", "moving_mean", "running_var", "moving_variance" }, out error);
        }

        private static bool Check(string name, long[] actual, long[] expected, int index, StateDictLayer layer, out string? error)
        {
            error = null;
            bool same = actual.Length == expected.Length;
            for (int i = 0; same && i < expected.Length; i++) same = actual[i] == expected[i];
            if (!same) error = $"layer {index} ({Describe(layer)}): tensor {name} has shape {Shape(actual)}; this network needs {Shape(expected)}";
            return same;
        }

        /// <summary>Groups the tensors into modules (their names up to the last dot) in the order the scheme defines.</summary>
        private static List<Module> Modules(IReadOnlyList<KeyValuePair<string, long[]>> tensors, out bool ownNames)
        {
            var modules = new List<Module>();
            var byPrefix = new Dictionary<string, Module>(StringComparer.Ordinal);
            ownNames = tensors.Count > 0;
            foreach (var pair in tensors)
            {
                if (IsBatchCounter(pair.Key)) continue;
                ownNames &= OwnLayerIndex(pair.Key, out _, out _) >= 0;
            }
            foreach (var pair in tensors)
            {
                if (IsBatchCounter(pair.Key)) continue;
                string prefix, leaf;
                bool nested = false;
                if (ownNames)
                {
                    OwnLayerIndex(pair.Key, out prefix, out leaf);
                    nested = leaf.StartsWith("bn.", StringComparison.Ordinal);
                    if (nested) leaf = leaf.Substring(3);
                }
                else
                {
                    int dot = pair.Key.LastIndexOf('.');
                    prefix = dot < 0 ? "" : pair.Key.Substring(0, dot);
                    leaf = pair.Key.Substring(dot + 1);
                }
                if (!byPrefix.TryGetValue(prefix, out var module))
                {
                    module = new Module(prefix, modules.Count);
                    byPrefix.Add(prefix, module);
                    modules.Add(module);
                }
                (nested ? module.NestedModule() : module).Add(leaf, pair.Key);
            }
            // nn.Sequential: every module name ends in its index; order by it (a file need not list them in order).
            if (!ownNames && modules.TrueForAll(m => TrailingIndex(m.Prefix) >= 0))
                modules.Sort((a, b) => TrailingIndex(a.Prefix) != TrailingIndex(b.Prefix)
                    ? TrailingIndex(a.Prefix).CompareTo(TrailingIndex(b.Prefix))
                    : a.Order.CompareTo(b.Order));
            if (ownNames) modules.Sort((a, b) => OwnLayerIndex(a.First, out _, out _).CompareTo(OwnLayerIndex(b.First, out _, out _)));
            return modules;
        }

        /// <summary>The i of a NetGen name <c>layer{i}.…</c>, or −1.</summary>
        private static int OwnLayerIndex(string name, out string prefix, out string leaf)
        {
            prefix = leaf = "";
            if (!name.StartsWith("layer", StringComparison.Ordinal)) return -1;
            int dot = name.IndexOf('.');
            if (dot <= 5 || !int.TryParse(name.Substring(5, dot - 5), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return -1;
            // A PyTorch module may be named layer1 too (layer1.0.weight): only NetGen's own leaves make NetGen's scheme.
            if (Array.IndexOf(OwnLeaves, name.Substring(dot + 1)) < 0) return -1;
            prefix = name.Substring(0, dot);
            leaf = name.Substring(dot + 1);
            return index;
        }

        /// <summary>The number after the last dot of a module name (<c>net.3</c> → 3, <c>3</c> → 3), or −1.</summary>
        private static int TrailingIndex(string prefix)
        {
            string last = prefix.Substring(prefix.LastIndexOf('.') + 1);
            return last.Length > 0 && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1;
        }

        private static string Prefix(bool ownNames, int layer) => ownNames ? "layer" + layer.ToString(CultureInfo.InvariantCulture) : "(layer " + layer.ToString(CultureInfo.InvariantCulture) + ")";

        public static string Shape(long[] shape)
        {
            var parts = new string[shape.Length];
            for (int i = 0; i < shape.Length; i++) parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
            return "[" + string.Join(", ", parts) + "]";
        }

        private static string Describe(StateDictLayer layer) => $"{layer.Inputs} → {layer.Units}";

        private static string Describe(IReadOnlyList<StateDictLayer> layers)
        {
            if (layers.Count == 0) return "no layers";
            var sizes = new string[layers.Count + 1];
            sizes[0] = layers[0].Inputs.ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < layers.Count; i++) sizes[i + 1] = layers[i].Units.ToString(CultureInfo.InvariantCulture);
            return string.Join(" → ", sizes);
        }

        /// <summary>The tensors of one module: leaf name (<c>weight</c>, <c>running_mean</c>…) → full name.</summary>
        private sealed class Module
        {
            private readonly List<KeyValuePair<string, string>> _leaves = new();

            public Module(string prefix, int order)
            {
                Prefix = prefix;
                Order = order;
            }

            public string Prefix { get; }

            public int Order { get; }

            public Module? Nested { get; private set; }

            public string First => _leaves.Count > 0 ? _leaves[0].Value : Nested?.First ?? Prefix;

            public Module NestedModule() => Nested ??= new Module(Prefix + ".bn", Order);

            public void Add(string leaf, string name) => _leaves.Add(new KeyValuePair<string, string>(leaf, name));

            public bool Has(string leaf) => Name(leaf) is not null;

            public string? Name(string leaf)
            {
                foreach (var pair in _leaves) if (pair.Key == leaf) return pair.Value;
                return null;
            }

            /// <summary>Fails on a tensor whose leaf name is none of <paramref name="known"/>.</summary>
            public bool RejectOthers(string[] known, out string? error)
            {
                error = null;
                foreach (var pair in _leaves)
                {
                    if (Array.IndexOf(known, pair.Key) >= 0) continue;
                    error = $"tensor {pair.Value} has no place in this network";
                    return false;
                }
                return true;
            }
        }
    }
}
