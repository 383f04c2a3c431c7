namespace NetGen.Generator.Models
{
    /// <summary>
    /// What Parsing read from one [Network] class, not yet judged: the type, and the attributes'
    /// values as written with where they were written. Equatable values only (no symbols or syntax);
    /// Validation turns it into a <see cref="NetworkSpec"/> or diagnostics.
    /// </summary>
    /// <param name="Namespace">The namespace as C# source writes it (keywords escaped with @), or null for the global namespace.</param>
    /// <param name="TypeName">The type's name as C# source writes it (a keyword escaped with @).</param>
    /// <param name="Constructors">The instance constructors the user wrote, in declaration order.</param>
    /// <param name="Members">The other members the user wrote (a generated one of the same name would clash).</param>
    /// <param name="NameLocation">The type's name in the declaration holding [Network].</param>
    /// <param name="Attributes">The attributes, or null when they could not be read (Parsing reported why).</param>
    /// <param name="ContainingTypes">The types the network is nested in, outermost first.</param>
    /// <param name="Type">What kind of type it is, for the rules about which types can hold a network.</param>
    internal sealed record NetworkDeclaration(
        string? Namespace,
        string TypeName,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        EquatableArray<ConstructorDeclaration> Constructors,
        EquatableArray<MemberDeclaration> Members,
        LocationInfo? NameLocation,
        TypeFacts Type,
        AttributesDeclaration? Attributes);

    /// <summary>What kind of type carries [Network], for the rules about which types can hold a network.</summary>
    /// <param name="IsGeneric">The type or a type containing it has type parameters.</param>
    /// <param name="NotPartial">The network type and the types containing it that lack <c>partial</c>, with their names' locations.</param>
    /// <param name="FileLocalType">The network type, or the type containing it, declared <c>file</c>; null when none is.</param>
    /// <param name="IsStatic">The type is a static class.</param>
    /// <param name="IsRecord">The type is a record.</param>
    internal sealed record TypeFacts(bool IsStatic, bool IsRecord, bool IsGeneric, EquatableArray<WrittenValue<string>> NotPartial, string? FileLocalType = null);

    /// <summary>A member the user wrote on the network class, other than a constructor.</summary>
    /// <param name="IsMethod">An ordinary method, which may overload a generated method of the same name.</param>
    /// <param name="Name">The member's name as written.</param>
    /// <param name="Location">The member's name in the source.</param>
    internal sealed record MemberDeclaration(string Name, bool IsMethod, LocationInfo? Location);

    /// <summary>
    /// A constructor the user wrote on the network class: where it is, whether it leads to the
    /// parameters being drawn (a <c>: this(…)</c> initializer, or a call to <c>Initialize</c> in its body),
    /// and whether its signature is one the generator would otherwise declare.
    /// </summary>
    /// <param name="Location">The constructor's name, or a primary constructor's parameter list.</param>
    /// <param name="IsPrimary">A primary constructor (<c>class Net(int x)</c>), which can chain to no other.</param>
    /// <param name="Chains">It has a <c>: this(…)</c> initializer.</param>
    /// <param name="CallsInitialize">Its body calls <c>Initialize(…)</c> or <c>this.Initialize(…)</c>.</param>
    /// <param name="TakesNothing">It has no parameters (the generated parameterless constructor's signature).</param>
    /// <param name="TakesSeed">It takes one plain <c>int</c> (the generated seeded constructor's signature).</param>
    internal sealed record ConstructorDeclaration(LocationInfo? Location, bool IsPrimary, bool Chains, bool CallsInitialize, bool TakesNothing, bool TakesSeed);

    /// <summary>The NetGen attributes of a network class, in the order written where order matters.</summary>
    /// <param name="NetworkLocation">The whole [Network(...)] attribute.</param>
    /// <param name="Inputs">[Network(Inputs = …)], or null when it is not set.</param>
    /// <param name="Loss">The loss (the default when not set or not a defined value).</param>
    /// <param name="Dense">The [Dense] attributes in source order (the per-layer form).</param>
    /// <param name="Modifiers">[BatchNorm], [Dropout] and [AlphaDropout] in source order.</param>
    /// <param name="Seed">[Network(Seed = …)], or null when it is not set.</param>
    /// <param name="Layers">[Layers(…)] (the compact form), or null.</param>
    /// <param name="Activation">[Activation(…)], or null.</param>
    /// <param name="Initializer">[Initializer(…)], or null.</param>
    /// <param name="Regularization">[Regularization(…)], or null.</param>
    /// <param name="Weights">[Weights("…")], or the [OnnxModel] file a declaration was read from; null for neither.</param>
    internal sealed record AttributesDeclaration(
        LocationInfo? NetworkLocation,
        WrittenValue<int>? Inputs,
        Loss Loss,
        int? Seed,
        CompactLayersDeclaration? Layers,
        EquatableArray<DenseDeclaration> Dense,
        ActivationDeclaration? Activation,
        InitializerDeclaration? Initializer,
        RegularizationDeclaration? Regularization,
        EquatableArray<ModifierDeclaration> Modifiers,
        ModelFileReference? Weights = null)
    {
        /// <summary>[Normalization] as written, or null when the class does not carry it.</summary>
        public NormalizationDeclaration? Normalization { get; init; }
    }

    /// <summary>[Normalization]: input normalization, with where it was written and its Axis = … when written.</summary>
    internal sealed record NormalizationDeclaration(LocationInfo? Location, WrittenValue<int>? Axis);

    /// <summary>[Layers(hidden..., outputs)]: every layer's size at once, and one bias setting for all.</summary>
    internal sealed record CompactLayersDeclaration(LocationInfo? Location, EquatableArray<WrittenValue<int>> Units, WrittenValue<bool>? UseBias);

    /// <summary>One [Dense(units, activation, initializer, …)].</summary>
    /// <param name="Activation">The layer's activation, or null when not written or not a defined value.</param>
    /// <param name="Initializer">The kernel initializer with its settings, or null when the constructor argument is not written.</param>
    /// <param name="Regularization">The layer's own penalties and constraint (each null when not written).</param>
    /// <param name="Location">The whole [Dense(...)] attribute.</param>
    /// <param name="Units">The layer's size as written.</param>
    /// <param name="Alpha">Alpha = … (LeakyReLU/ELU slope), or null when not written.</param>
    /// <param name="UseBias">UseBias = …, or null when not written.</param>
    /// <param name="BiasInitializer">The bias initializer (zeros unless written).</param>
    /// <param name="BiasValue">The constant of a constant bias initializer, or null.</param>
    internal sealed record DenseDeclaration(
        LocationInfo? Location,
        WrittenValue<int> Units,
        WrittenValue<Act>? Activation,
        WrittenValue<double>? Alpha,
        WrittenValue<bool>? UseBias,
        InitializerDeclaration? Initializer,
        Init BiasInitializer,
        WrittenValue<double>? BiasValue,
        RegularizationDeclaration Regularization);

    /// <summary>[Activation(activation, Alpha = …)]: the hidden layers' activation in the compact form, or their default.</summary>
    internal sealed record ActivationDeclaration(WrittenValue<Act> Activation, WrittenValue<double>? Alpha);

    /// <summary>An initializer as written: its kind (with the argument that chose it) and its settings.</summary>
    internal sealed record InitializerDeclaration(
        WrittenValue<Init> Kind,
        WrittenValue<double>? Scale,
        FanMode Mode,
        Distribution Distribution,
        WrittenValue<double>? Mean,
        WrittenValue<double>? StdDev,
        WrittenValue<double>? Value);

    /// <summary>L1, L2 and MaxNorm as written, network-wide ([Regularization]) or on a [Dense].</summary>
    internal sealed record RegularizationDeclaration(WrittenValue<double>? L1, WrittenValue<double>? L2, WrittenValue<double>? MaxNorm)
    {
        public static readonly RegularizationDeclaration None = new(null, null, null);
    }

    /// <summary>The layer modifiers a class can carry.</summary>
    internal enum ModifierKind
    {
        BatchNorm,
        Dropout,
        AlphaDropout,
    }

    /// <summary>
    /// A [BatchNorm], [Dropout] or [AlphaDropout] as written, with the index of the [Dense] declared
    /// before it in source order (−1 when none is). Batch-norm settings are set only for batch norm,
    /// the rate only for dropout.
    /// </summary>
    /// <param name="Name">The attribute's name, e.g. "AlphaDropout", for messages.</param>
    /// <param name="Kind">Which of the three attributes it is.</param>
    /// <param name="Location">The whole attribute.</param>
    /// <param name="AfterDense">The index of the [Dense] declared before it, −1 when none is.</param>
    /// <param name="Placement">Batch norm before or after the activation.</param>
    /// <param name="Momentum">Momentum = … of batch norm, or null when not written.</param>
    /// <param name="Epsilon">Epsilon = … of batch norm, or null when not written.</param>
    /// <param name="Center">Center = … of batch norm (β); true when not written.</param>
    /// <param name="Scale">Scale = … of batch norm (γ); true when not written.</param>
    /// <param name="Rate">The dropout rate as written, or null for batch norm.</param>
    internal sealed record ModifierDeclaration(
        ModifierKind Kind,
        string Name,
        LocationInfo? Location,
        int AfterDense,
        BatchNormPlacement Placement,
        WrittenValue<double>? Momentum,
        WrittenValue<double>? Epsilon,
        bool Center,
        bool Scale,
        WrittenValue<double>? Rate);

    /// <summary>Parsing's answer for one class: the declaration when there is one to judge, and what could not be read.</summary>
    internal sealed record ParseResult(NetworkDeclaration? Declaration, EquatableArray<DiagnosticInfo> Diagnostics);
}
