using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes
{
    /// <summary>NG0016: removes the <c>UseBias = true</c> that keeps a bias batch normalization makes redundant.</summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(RemoveRedundantBiasCodeFix)), Shared]
    public sealed class RemoveRedundantBiasCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0016");

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan) is not { } node) continue;
                var argument = node.AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
                if (argument?.NameEquals is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create("Remove the redundant bias (batch normalization's beta shifts instead)",
                        token => Remove(context.Document, argument, token), nameof(RemoveRedundantBiasCodeFix)),
                    diagnostic);
            }
        }

        private static async Task<Document> Remove(Document document, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var list = (AttributeArgumentListSyntax)argument.Parent!;
            var updated = list.Arguments.Count == 1
                ? root!.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia)!
                : root!.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument)));
            return document.WithSyntaxRoot(updated);
        }
    }
}
