using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Models
{
    /// <summary>A source location as plain values (a <see cref="Location"/> would pin the syntax tree in the cache).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

        /// <summary>
        /// The location inside the compilation's syntax tree of the same path when there is one: only an
        /// in-source location lets the compiler apply #pragma warning disable and per-file
        /// .editorconfig severities to the diagnostic (a path-only location escapes them).
        /// </summary>
        public Location ToLocation(Compilation compilation)
        {
            foreach (var tree in compilation.SyntaxTrees)
                if (tree.FilePath == FilePath && TextSpan.End <= tree.Length) return Location.Create(tree, TextSpan);
            return ToLocation();
        }

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

        public static LocationInfo? From(Location location)
            => location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
