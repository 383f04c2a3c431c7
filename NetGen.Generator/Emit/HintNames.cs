using System;
using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The file name each network's source is added under. The compiler requires hint names to differ
    /// ignoring case (they become file names), so networks whose full names differ only in case, such as
    /// <c>Digits.Net</c> and <c>digits.Net</c>, would make it throw for both. A name shared that way gets a
    /// suffix from a hash of the type's exact identity; any other name stays <c>Namespace.Type.g.cs</c>.
    /// </summary>
    internal static class HintNames
    {
        /// <summary>What the hint names of all networks are chosen from: each type's identity and full name.</summary>
        public static EquatableArray<NetworkName> Collect(System.Collections.Immutable.ImmutableArray<NetworkSpec> specs)
            => new(specs.Select(NameOf).ToArray());

        public static NetworkName NameOf(NetworkSpec spec)
            => new(Identity(spec), spec.FullName.Replace("@", ""));

        /// <summary>The hint name of <paramref name="spec"/> among <paramref name="all"/> networks.</summary>
        public static string For(NetworkSpec spec, EquatableArray<NetworkName> all)
        {
            var own = NameOf(spec);
            bool shared = all.Any(other => other.Identity != own.Identity && string.Equals(other.FullName, own.FullName, StringComparison.OrdinalIgnoreCase));
            return own.FullName + (shared ? "." + Hash(own.Identity) : "") + ".g.cs";
        }

        /// <summary>
        /// Namespace, containing types and type, kept apart: the full name <c>A.B.C</c> is the same for a
        /// class C in namespace A.B and for one nested in class A.B, which broken code can declare both.
        /// </summary>
        private static string Identity(NetworkSpec spec)
            => (spec.Namespace ?? "") + "::" + string.Join("+", spec.ContainingTypes.Select(t => t.Name)) + "+" + spec.TypeName;

        /// <summary>FNV-1a over the UTF-16 code units: stable across runs and machines, unlike string.GetHashCode.</summary>
        private static string Hash(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text) hash = unchecked((hash ^ c) * 16777619);
            return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A network's identity (namespace, containing types and name kept apart) and its dotted full name.</summary>
    internal sealed record NetworkName(string Identity, string FullName);
}
