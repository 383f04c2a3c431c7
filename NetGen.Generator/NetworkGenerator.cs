using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Import;
using NetGen.Generator.Parsing;
using NetGen.Generator.Validation;

namespace NetGen.Generator
{
    /// <summary>Emits a compiled dense network for every class marked <c>[NetGen.Network]</c>.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkGenerator : IIncrementalGenerator
    {
        private readonly Func<byte[], ModelReadResult> _readOnnx;

        /// <summary>The generator the compiler loads, reading ONNX files with <see cref="OnnxModelReader"/>.</summary>
        public NetworkGenerator()
            : this(OnnxModelReader.Read)
        {
        }

        /// <summary>A generator with another ONNX reader: tests hand the pipeline a graph built by hand.</summary>
        internal NetworkGenerator(Func<byte[], ModelReadResult> readOnnx) => _readOnnx = readOnnx;

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // 0. Model files (AdditionalFiles *.onnx, *.safetensors): each read once into a summary holding its path,
            //    content hash and shapes, never its bytes; cached per file, so an edit elsewhere reads nothing.
            var modelFiles = context.AdditionalTextsProvider
                .Where(static text => ModelFiles.IsModelFile(text.Path))
                .Select((text, cancellationToken) => ModelFiles.Summarize(text, _readOnnx, cancellationToken))
                .WithTrackingName(ImportTrackingNames.ModelFiles)
                .Collect();

            // 1. Parse: find [Network] classes and read them into an equatable declaration, reporting only what cannot be read.
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.NetworkAttributeName,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntaxContext, cancellationToken) => NetworkParser.Parse(syntaxContext, cancellationToken))
                .WithTrackingName(TrackingNames.Parse);

            // 1b. [OnnxModel] classes: the graph in the file declares the layers an attribute twin would declare.
            var imported = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.OnnxModelAttributeName,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntaxContext, cancellationToken) => NetworkParser.ParseOnnx(syntaxContext, cancellationToken))
                .Combine(modelFiles)
                .Select(static (pair, _) => ImportDeclarations.Declare(pair.Left, pair.Right))
                .WithTrackingName(ImportTrackingNames.ParseImport);

            // 2. Validate: every rule runs over the declaration; a declaration without errors becomes a spec
            //    (a [Weights] or [OnnxModel] one records its file's path and hash after its tensors matched the layers).
            var results = parsed
                .Combine(modelFiles)
                .Select(static (pair, _) => NetworkValidator.Validate(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Validate);
            var importedResults = imported
                .Combine(modelFiles)
                .Select(static (pair, _) => NetworkValidator.Validate(pair.Left, pair.Right))
                .WithTrackingName(ImportTrackingNames.ValidateImport);

            // 3. Diagnostics go out on their own, so a moved declaration re-reports them without re-emitting source.
            // Reported at locations inside the current syntax trees (the cached models hold only paths and
            // spans), so #pragma warning disable and .editorconfig severities apply; the pairing with the
            // compilation re-runs only this cheap reporting step, never parsing or emitting.
            foreach (var source in new[] { results, importedResults })
            {
                var diagnostics = source
                    .SelectMany(static (result, _) => result.Diagnostics)
                    .WithTrackingName(TrackingNames.Diagnostics);
                context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider),
                    static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
            }

            // 4. Emit: valid specs (no locations inside) become source.
            var specs = results
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Spec);
            var importedSpecs = importedResults
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Spec);
            // Hint names must differ ignoring case across all networks, so each source is named knowing the
            // others' names; only the names are collected, so editing one network re-emits only that one.
            var names = specs.Collect()
                .Combine(importedSpecs.Collect())
                .Select(static (all, _) => HintNames.Collect(all.Left.AddRange(all.Right)))
                .WithTrackingName(TrackingNames.HintNames);
            // A spec that imports weights carries only its file's path and hash: the bytes are read here, once per
            // change of the spec or the file, and embedded in the source.
            foreach (var source in new[] { specs, importedSpecs })
                context.RegisterSourceOutput(source.Combine(names),
                    (output, pair) => output.AddSource(HintNames.For(pair.Left, pair.Right), Emit(pair.Left)));
        }

        /// <summary>The class's source; a spec with weights gets them embedded, or no source if its file changed since it was checked (the next run sees the new file).</summary>
        private string Emit(NetGen.Generator.Models.NetworkSpec spec)
        {
            if (spec.Weights is null) return NetworkEmitter.Emit(spec);
            return WeightsLoader.Load(spec, _readOnnx) is { } trained ? NetworkEmitter.Emit(spec, trained) : "// The model file changed while it was read; the next build embeds it.";
        }
    }
}
