using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes
{
    /// <summary>
    /// NG0021: replaces plain [Dropout] on a SELU layer by [AlphaDropout] with the same rate, and NG0020:
    /// removes [BatchNorm] from a SELU layer; both keep SELU's self-normalizing conditions (Klambauer et al. 2017).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SeluDropoutCodeFixes)), Shared]
    public sealed class SeluDropoutCodeFixes : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0020", "NG0021");

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var attribute = root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
                if (root is null || attribute?.Parent is not AttributeListSyntax list) continue;
                if (diagnostic.Id == "NG0021")
                {
                    var replaced = root.ReplaceNode(attribute.Name, SyntaxFactory.IdentifierName("AlphaDropout").WithTriviaFrom(attribute.Name));
                    context.RegisterCodeFix(
                        CodeAction.Create("Use AlphaDropout (keeps SELU's mean and variance)", _ => Task.FromResult(context.Document.WithSyntaxRoot(replaced)), "NG0021"),
                        diagnostic);
                }
                else
                {
                    var removed = list.Attributes.Count == 1
                        ? root.RemoveNode(list, SyntaxRemoveOptions.KeepLeadingTrivia)!
                        : root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
                    context.RegisterCodeFix(
                        CodeAction.Create("Remove batch normalization (SELU normalizes itself)", _ => Task.FromResult(context.Document.WithSyntaxRoot(removed)), "NG0020"),
                        diagnostic);
                }
            }
        }
    }
}
