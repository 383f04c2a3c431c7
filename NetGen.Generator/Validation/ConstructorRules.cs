using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// NG0025: a constructor the user writes must leave the network with drawn parameters, or every weight
    /// stays zero and nothing learns. The generator keeps emitting the constructors whose signatures the
    /// user did not take, so chaining to one of them (<c>: this()</c> or <c>: this(seed)</c>) is enough;
    /// a body that calls <c>Initialize</c> itself is accepted as the explicit alternative.
    /// </summary>
    internal static class ConstructorRules
    {
        public static void DrawParameters(NetworkDeclaration network, DiagnosticBag diagnostics)
        {
            foreach (var constructor in network.Constructors)
            {
                if (constructor.IsPrimary)
                    diagnostics.Report(DiagnosticDescriptors.ConstructorSkipsInitialization, constructor.Location, network.TypeName,
                        "a primary constructor cannot chain to a generated one: declare an ordinary constructor with ': this()' or ': this(seed)' instead");
                else if (!constructor.Chains && !constructor.CallsInitialize)
                    diagnostics.Report(DiagnosticDescriptors.ConstructorSkipsInitialization, constructor.Location, network.TypeName,
                        "chain it to a generated constructor with ': this()' or ': this(seed)', or call Initialize(seed) in its body");
            }
        }

        /// <summary>Which generated constructors' signatures the user took.</summary>
        public static UserConstructors Taken(NetworkDeclaration network)
        {
            bool parameterless = false, seeded = false;
            foreach (var constructor in network.Constructors)
            {
                parameterless |= constructor.TakesNothing;
                seeded |= constructor.TakesSeed;
            }
            return new UserConstructors(parameterless, seeded);
        }
    }
}
