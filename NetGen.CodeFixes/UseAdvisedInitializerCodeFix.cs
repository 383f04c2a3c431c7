using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes
{
    /// <summary>
    /// NG0019 (SELU without LeCun normal kernels) and NG0023 (ReLU family without He kernels): sets the
    /// kernel initializer the chapter recommends. The diagnostic sits on the initializer argument when
    /// one is written (it is replaced), on a [Dense]'s activation argument (the initializer is added
    /// after it), or on [Activation]'s argument in the compact form (an [Initializer] is added).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAdvisedInitializerCodeFix)), Shared]
    public sealed class UseAdvisedInitializerCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0019", "NG0023");

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var argument = root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
                if (argument?.Parent?.Parent is not AttributeSyntax attribute) continue;
                string initializer = diagnostic.Id == "NG0019" ? "LeCunNormal" : "HeNormal";
                context.RegisterCodeFix(
                    CodeAction.Create($"Use {initializer} kernels", token => Fix(context.Document, attribute, argument, initializer, token), diagnostic.Id + initializer),
                    diagnostic);
            }
        }

        private static async Task<Document> Fix(Document document, AttributeSyntax attribute, AttributeArgumentSyntax argument, string initializer, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var advised = SyntaxFactory.ParseExpression("Init." + initializer);
            string name = attribute.Name.ToString();
            string text = argument.Expression.ToString();
            SyntaxNode updated;
            if (text.StartsWith("Init.") || text.StartsWith("NetGen.Init."))
            {
                // The written initializer is the one advised against: replace it.
                updated = root!.ReplaceNode(argument.Expression, advised.WithTriviaFrom(argument.Expression));
            }
            else if (name is "Dense" or "DenseAttribute" or "NetGen.Dense")
            {
                // [Dense(units, activation)]: the initializer is the next positional argument.
                var list = attribute.ArgumentList!;
                int index = list.Arguments.IndexOf(argument) + 1;
                updated = root!.ReplaceNode(list, list.WithArguments(list.Arguments.Insert(index, SyntaxFactory.AttributeArgument(advised))));
            }
            else
            {
                // [Activation(...)] in the compact form: add the network-wide [Initializer] beside it.
                var attributeList = (AttributeListSyntax)attribute.Parent!;
                var added = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Initializer"),
                            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(advised))))))
                    .WithTriviaFrom(attributeList);
                updated = root!.InsertNodesAfter(attributeList, new[] { added });
            }
            return document.WithSyntaxRoot(updated);
        }
    }
}
