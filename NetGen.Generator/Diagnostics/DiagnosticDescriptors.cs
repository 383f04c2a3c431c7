using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic NetGen reports. Each ID has a page at docs/diagnostics/NGxxxx.md, linked from
    /// the IDE; adding one means a row in AnalyzerReleases.Unshipped.md and a page.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Usage = "NetGen.Usage";
        private const string Design = "NetGen.Design";
        // The repository has no public address yet: the link is the page's path in the repository.
        private const string HelpRoot = "docs/diagnostics/";

        public static readonly DiagnosticDescriptor NotPartial = Error(
            "NG0001", "Network class must be partial",
            "'{0}' must be declared partial so NetGen can add the network's code to it",
            "The generator adds members to the network class and to every type that contains it, so each of them must be partial.");

        public static readonly DiagnosticDescriptor MissingInputs = Error(
            "NG0002", "Input size missing",
            "[Network] on '{0}' does not set Inputs; add Inputs = <number of input features>",
            "A network needs the number of input features to size its first layer.");

        public static readonly DiagnosticDescriptor SizeNotPositive = Error(
            "NG0003", "Size must be positive",
            "{0} is {1}; it must be at least 1",
            "Input and layer sizes count features and units, so they must be at least 1.");

        public static readonly DiagnosticDescriptor NoLayers = Error(
            "NG0004", "Network has no layers",
            "'{0}' declares no layers; add [Layers(hidden..., outputs)] or one [Dense(units)] per layer",
            "A network needs at least its output layer.");

        public static readonly DiagnosticDescriptor SoftmaxNotOnOutput = Error(
            "NG0005", "Softmax only on the output layer",
            "Softmax is only valid on the output layer; {0} is a hidden layer",
            "Softmax normalizes a whole layer into a probability distribution; it belongs to the output layer and is chosen there by the loss.");

        public static readonly DiagnosticDescriptor OutputActivationMismatch = Error(
            "NG0006", "Output activation does not match the loss",
            "The output activation {0} does not fit the loss {1}; {2}",
            "The output activation follows the loss: softmax for the cross-entropies, sigmoid for binary cross-entropy, anything but softmax for mean squared error.");

        public static readonly DiagnosticDescriptor MixedForms = Error(
            "NG0007", "Compact and per-layer forms mixed",
            "'{0}' uses both [Layers] and [Dense]; declare the layers one way",
            "[Layers] lists every layer at once and [Dense] declares them one by one; using both leaves the layer list ambiguous.");

        public static readonly DiagnosticDescriptor GenericNetwork = Error(
            "NG0008", "Generic network types are not supported",
            "'{0}' is generic or nested in a generic type; networks have fixed shapes and must be non-generic",
            "Generated networks are fixed-shape, non-generic classes.");

        public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
            "NG0009", "Value is not defined",
            "{0} is not a defined {1} value",
            "Enum arguments must name a defined member; a cast number has no meaning to the generator.");

        public static readonly DiagnosticDescriptor UnreadableAttribute = Error(
            "NG0010", "Attribute cannot be read",
            "The [{0}] attribute has errors; fix them so NetGen can read the network",
            "The generator skips a network whose attributes do not compile; the compiler's own errors say what is wrong.");

        public static readonly DiagnosticDescriptor TooManyParameters = Error(
            "NG0011", "Network too large",
            "'{0}' would hold {1} parameters once layer {2} ({3} inputs × {4} units) is added; a network holds at most 2,147,483,647: reduce {5}",
            "All parameters live in one array, whose length is an int.");

        public static readonly DiagnosticDescriptor ModifierOnOutput = Error(
            "NG0012", "Batch normalization or dropout on the output layer",
            "[{0}] applies to the output layer; batch normalization and dropout belong to hidden layers",
            "The output layer produces the logits or predictions the loss reads; normalizing or dropping them would distort the loss.");

        public static readonly DiagnosticDescriptor ModifierWithoutLayer = Error(
            "NG0013", "Layer modifier without a layer",
            "[{0}] must follow the [Dense] it applies to",
            "In the per-layer form, [BatchNorm], [Dropout] and [AlphaDropout] apply to the [Dense] written just before them.");

        public static readonly DiagnosticDescriptor OutOfRange = Error(
            "NG0014", "Value out of range",
            "{0} is {1}; it must be {2}",
            "Rates, momentum, epsilon, penalties and slopes have ranges outside of which training cannot work.");

        public static readonly DiagnosticDescriptor DuplicateModifier = Error(
            "NG0015", "Duplicate attribute",
            "{0} already has [{1}]; declare it once",
            "A layer has at most one batch normalization and one dropout; the network-wide attributes appear once.");

        public static readonly DiagnosticDescriptor RedundantBias = new(
            "NG0016", "Bias before batch normalization is redundant",
            "{0} keeps its bias although batch normalization follows it; its beta already shifts the output, so the bias only adds parameters",
            Design, DiagnosticSeverity.Info, isEnabledByDefault: true,
            "Batch normalization subtracts the batch mean, which cancels any bias added before it; NetGen drops that bias unless UseBias = true asks for it.",
            HelpRoot + "NG0016.md");

        public static readonly DiagnosticDescriptor OneUnitSoftmax = Error(
            "NG0017", "Softmax output with one unit",
            "The output layer has 1 unit, but {0} applies softmax over the outputs, and a softmax over one unit is always 1; give the output one unit per class (at least 2), or use Loss.BinaryCrossEntropy for one yes/no output",
            "Softmax divides each output's exponential by the sum over all outputs; with a single output the result is 1 whatever the input, so the network cannot learn.");

        public static readonly DiagnosticDescriptor SplitDeclarations = Error(
            "NG0018", "Network attributes on several partial declarations",
            "[{0}] is on another partial declaration of '{1}' than [Network]; write all NetGen attributes on the declaration that holds [Network]",
            "The layers are read in the order their attributes are written; spread over partial declarations, that order would depend on the order of the files in the compilation.");

        public static readonly DiagnosticDescriptor SeluWithoutLeCunNormal = Warning(
            "NG0019", "SELU without LeCun normal kernels",
            "{0}: SELU with {1} kernels; SELU self-normalizes only with LeCun normal kernels (Klambauer et al. 2017): use Init.LeCunNormal",
            "SELU keeps each layer's outputs at mean 0 and variance 1 only when the kernels have variance 1/fan_in, which is LeCun normal initialization.");

        public static readonly DiagnosticDescriptor SeluWithBatchNorm = Warning(
            "NG0020", "Batch normalization on a SELU layer",
            "[BatchNorm] on {0} (SELU): SELU normalizes its activations itself, and batch normalization breaks its self-normalization (Klambauer et al. 2017)",
            "A self-normalizing network needs no batch normalization; inserting it changes the statistics SELU's constants were derived for.");

        public static readonly DiagnosticDescriptor SeluWithPlainDropout = Warning(
            "NG0021", "Plain dropout on a SELU layer",
            "[Dropout] on {0} (SELU): plain dropout shifts the mean and variance SELU keeps, breaking self-normalization (Klambauer et al. 2017); use [AlphaDropout]",
            "Alpha dropout sets dropped units to SELU's negative saturation value and corrects the result so that the mean and variance stay as they were; plain dropout does not.");

        public static readonly DiagnosticDescriptor VanishingGradients = Warning(
            "NG0022", "Deep stack of saturating activations",
            "{0} Sigmoid/Tanh hidden layers {1}: gradients vanish as they flow back through a deep stack of saturating activations (Glorot and Bengio 2010)",
            "Sigmoid and tanh flatten out for large inputs, so each layer can shrink the gradient; over five or more such layers it vanishes unless the kernels are scaled to the layer (Glorot init) and batch normalization keeps the inputs in the steep range.");

        public static readonly DiagnosticDescriptor ReluWithoutHeInit = Warning(
            "NG0023", "ReLU-family layer without He initialization",
            "{0}: {1} with {2} kernels; ReLU-family activations keep their variance from layer to layer with He initialization (He et al. 2015): use Init.HeNormal or Init.HeUniform",
            "ReLU zeroes about half of its inputs, so its kernels need twice the variance Glorot and LeCun initialization give; He initialization (scale 2, fan_in) provides it, and it suits Leaky ReLU, ELU, GELU and SiLU as well.");

        public static readonly DiagnosticDescriptor NotAnInstanceClass = Error(
            "NG0024", "Network type must be a non-static class",
            "'{0}' is {1}; a network must be a non-static partial class",
            "The generator adds instance members (parameters, workspaces, the INetwork implementation) to the network; a static class cannot hold them and a record's generated members would clash.");

        public static readonly DiagnosticDescriptor ConstructorSkipsInitialization = Error(
            "NG0025", "Constructor leaves the parameters undrawn",
            "This constructor of '{0}' neither chains to a generated constructor nor calls Initialize, so every weight would stay zero; {1}",
            "The generated constructors draw the parameters from the seed; a constructor the user writes must chain to one of them (those whose signatures it does not take stay generated) or call Initialize itself.");

        public static readonly DiagnosticDescriptor FileLocalNetwork = Error(
            "NG0026", "Network type cannot be file-local",
            "'{1}' is declared file-local, so the code generated for '{0}' in another file cannot extend it; remove the 'file' modifier ('internal' still hides it outside the assembly)",
            "A file-local type is visible only in its own file; a partial declaration in the generated file would declare a different, unrelated type.");

        public static readonly DiagnosticDescriptor NameOfGeneratedMember = Error(
            "NG0027", "Name taken by a generated member",
            "'{0}' is also the name of a member NetGen generates in '{1}'{2}; rename {3}",
            "The generator adds constants, buffers, properties and methods to the network class; the class's own name and the members the user writes must not take their names (a user method may overload a generated method).");

        public static readonly DiagnosticDescriptor LayerBufferTooLarge = Error(
            "NG0028", "Layer buffer too large",
            "Layer {0} of '{1}' ({2} inputs × {3} units) needs {4} floats for its transposed kernel (rows padded to {5}); one array holds at most 2,147,483,647: reduce the layer sizes",
            "Backward keeps a transposed copy of each layer's kernel with rows padded to whole cache lines; it lives in one array, whose length is an int, and can exceed it where the parameters still fit.");

        public static readonly DiagnosticDescriptor ModelFileNotAdditional = Error(
            "NG0029", "Model file is not an AdditionalFiles item",
            "'{0}' is not among the files passed to the compiler; add <AdditionalFiles Include=\"{0}\" /> to the project (the NetGen package's build targets add every *.onnx and *.safetensors)",
            "A generator reads only files the build passes to the compiler as AdditionalFiles items; the path is relative to the project directory.");

        public static readonly DiagnosticDescriptor ModelFileUnreadable = Error(
            "NG0030", "Model file cannot be imported",
            "'{0}' cannot be imported: {1}",
            "The model file is truncated, is not the format the attribute names, or holds parts NetGen cannot compile; every problem found is listed at once.");

        public static readonly DiagnosticDescriptor WeightsMismatch = Error(
            "NG0031", "Weights do not match the declared layers",
            "The weights in '{0}' do not fit '{1}': {2}",
            "[Weights] matches the file's tensors to the declared layers by order and shape (PyTorch nn.Sequential keys, named-module keys, or NetGen's own checkpoint names); every tensor must have a place and every layer its tensors.");

        public static readonly DiagnosticDescriptor OnnxModelWithLayerAttributes = Error(
            "NG0032", "[OnnxModel] beside layer attributes",
            "[{0}] cannot stand beside [OnnxModel] on '{1}': the graph decides the layers; remove it, or declare the layers and import a state dict with [Weights]",
            "An ONNX model defines the network's shape itself; [Network], [Layers], [Dense] and the modifiers declare a shape, so the two would contradict each other.");

        public static readonly DiagnosticDescriptor NormalizationAxis = Error(
            "NG0040", "Normalization axis is not the feature axis",
            "[Normalization] on '{0}' has Axis = {1}; NetGen's inputs are [rows × features] and keep one mean and variance per feature: use -1 (the default) or 1",
            "Keras's Normalization keeps statistics per index of the axis it is given. NetGen normalizes each input feature, the last axis of its [rows × features] inputs, which is axis -1 or 1; a scalar or per-row normalization has no place in a network's state.");

        private static DiagnosticDescriptor Error(string id, string title, string message, string description)
            => new(id, title, message, Usage, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpRoot + id + ".md");

        /// <summary>Design advice: the network is generated, but the combination is known to train badly.</summary>
        private static DiagnosticDescriptor Warning(string id, string title, string message, string description)
            => new(id, title, message, Design, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpRoot + id + ".md");
    }
}
