using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Parsing;
using NetGen.Generator.Validation;

namespace NetGen.Generator
{
    /// <summary>Emits a compiled dense network for every class marked <c>[NetGen.Network]</c>.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // 1. Parse: find [Network] classes and read them into an equatable declaration, reporting only what cannot be read.
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.NetworkAttributeName,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntaxContext, cancellationToken) => NetworkParser.Parse(syntaxContext, cancellationToken))
                .WithTrackingName(TrackingNames.Parse);

            // 2. Validate: every rule runs over the declaration; a declaration without errors becomes a spec.
            var results = parsed
                .Select(static (declaration, _) => NetworkValidator.Validate(declaration))
                .WithTrackingName(TrackingNames.Validate);

            // 3. Diagnostics go out on their own, so a moved declaration re-reports them without re-emitting source.
            var diagnostics = results
                .SelectMany(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);
            // Reported at locations inside the current syntax trees (the cached models hold only paths and
            // spans), so #pragma warning disable and .editorconfig severities apply; the pairing with the
            // compilation re-runs only this cheap reporting step, never parsing or emitting.
            context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider),
                static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));

            // 4. Emit: valid specs (no locations inside) become source.
            var specs = results
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Spec);
            // Hint names must differ ignoring case across all networks, so each source is named knowing the
            // others' names; only the names are collected, so editing one network re-emits only that one.
            var names = specs
                .Collect()
                .Select(static (all, _) => HintNames.Collect(all))
                .WithTrackingName(TrackingNames.HintNames);
            context.RegisterSourceOutput(specs.Combine(names),
                static (output, pair) => output.AddSource(HintNames.For(pair.Left, pair.Right), NetworkEmitter.Emit(pair.Left)));
        }
    }
}
