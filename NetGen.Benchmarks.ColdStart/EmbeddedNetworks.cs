namespace NetGen.Benchmarks.ColdStart;

/// <summary>
/// The workloads whose trained weights this build carries (ColdStartEmbed in the csproj): each class is its
/// workload's shape with <c>[Weights]</c>, so its parameterless constructor starts from the checkpoint the generator
/// read at build time.
/// </summary>
internal static class EmbeddedNetworks
{
    /// <summary>The embedded workloads, comma-separated, or "none".</summary>
    public static string Names
    {
        get
        {
            string names = "";
#if EMBED_S
            names += ",S";
#endif
#if EMBED_M
            names += ",M";
#endif
#if EMBED_L
            names += ",L";
#endif
            return names.Length == 0 ? "none" : names.Substring(1);
        }
    }

    /// <summary>A network with <paramref name="name"/>'s embedded weights, or null when this build does not embed them.</summary>
    public static INetwork? Create(string name) => name switch
    {
#if EMBED_S
        "S" => new EmbeddedSmallNet(),
#endif
#if EMBED_M
        "M" => new EmbeddedMediumNet(),
#endif
#if EMBED_L
        "L" => new EmbeddedLargeNet(),
#endif
        _ => null,
    };
}

#if EMBED_S
/// <summary>S's shape (SmallNet) with the run's S weights.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(128, 128, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
[Weights("S.safetensors")]
internal partial class EmbeddedSmallNet;
#endif

#if EMBED_M
/// <summary>M's shape (MediumNet) with the run's M weights.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(256, 256, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
[Weights("M.safetensors")]
internal partial class EmbeddedMediumNet;
#endif

#if EMBED_L
/// <summary>L's shape (LargeNet) with the run's L weights.</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(1024, 1024, 1024, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
[Weights("L.safetensors")]
internal partial class EmbeddedLargeNet;
#endif
