using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// NG0027: C# forbids a member named like the type that holds it (CS0542), so a network class cannot
    /// share a name with any member the emitter writes into it. The names are reserved whatever the
    /// network's options, so adding batch normalization or dropout never turns a valid name into an error;
    /// per-layer names are reserved for the layers the network has.
    /// </summary>
    internal static class MemberNameRules
    {
        /// <summary>Every member the emitter writes, whichever options the network uses (GeneratorSafetyTests checks the list against real output).</summary>
        private static readonly HashSet<string> FixedNames = new(StringComparer.Ordinal)
        {
            // Constants and layout.
            "InputSize", "OutputSize", "TargetSize", "ParameterCount", "StateCount", "LayerCount", "WidestLayer", "LayerInfos", "s_layers",
            // Buffers and state.
            "_parameters", "_gradients", "_state", "_folded", "_scratch", "_dropoutRandom", "_transposedKernel",
            "_maxThreads", "_capacity", "_lastTrainingBatch", "_normalizedInputs",
            // Shared inference: the change counter, the fold's lock and buffers, the call gate.
            "_changes", "_foldLock", "_foldScratch", "_foldedChanges", "_foldedSpare", "_inferenceCalls", "_trainingCall",
            "_trainable", "_lowestTrainable", "_frozenCount", "_frozenValues",
            // Properties and methods.
            "Parameters", "Gradients", "State", "MaxThreads", "Initialize", "InitializeAllButParameters", "SeedDropout", "ApplyConstraints", "RefreshInference",
            "TrainStep", "ComputeGradients", "LayerActivations", "Forward", "Evaluate", "Predict", "PredictWithDropout", "PredictLogits",
            "IsTrainable", "SetTrainable", "SnapshotFrozen", "RestoreFrozen", "EnsureCapacity", "Slice",
            "GradientsCore", "InferBatch", "Refold", "RefreshIfStale", "Normalization", "Adapt", "GetLayer",
        };

        /// <summary>Per-layer members: the prefix and suffix around the layer's index, e.g. Layer0Units.</summary>
        /// <summary>What a network that imports trained weights ([Weights], [OnnxModel]) adds.</summary>
        private static readonly HashSet<string> ImportNames = new(StringComparer.Ordinal) { "LoadTrainedWeights", "TrainedParameters", "TrainedState" };

        private static readonly (string Prefix, string Suffix)[] LayerNames =
        {
            ("Layer", "Units"), ("Layer", ""), ("_preActivation", ""), ("_output", ""), ("_delta", ""), ("_linear", ""),
            ("_normalizedBefore", ""), ("_activated", ""), ("_normalizedAfter", ""), ("_mask", ""), ("_statsBefore", ""), ("_statsAfter", ""),
        };

        /// <summary>Generated methods: a user method of the same name may be an overload, which the compiler judges (CS0111).</summary>
        private static readonly HashSet<string> MethodNames = new(StringComparer.Ordinal)
        {
            "Initialize", "InitializeAllButParameters", "SeedDropout", "ApplyConstraints", "RefreshInference", "TrainStep", "ComputeGradients", "LayerActivations",
            "Forward", "Evaluate", "Predict", "PredictWithDropout", "PredictLogits", "IsTrainable", "SetTrainable", "SnapshotFrozen", "RestoreFrozen",
            "EnsureCapacity", "Slice", "GradientsCore", "InferBatch", "Refold", "RefreshIfStale", "Adapt", "GetLayer",
        };

        /// <summary>
        /// The class's own name (CS0542), and every member the user wrote whose name a generated member
        /// takes (CS0102), unless both are methods: those may be overloads.
        /// </summary>
        public static void NotAMemberName(NetworkDeclaration network, int layerCount, DiagnosticBag diagnostics)
        {
            string name = network.TypeName;
            bool imports = network.Attributes?.Weights is not null;
            if (IsGenerated(name, layerCount) || (imports && ImportNames.Contains(name)))
                diagnostics.Report(DiagnosticDescriptors.NameOfGeneratedMember, network.NameLocation, name, name,
                    ", and C# forbids a member named like its class (CS0542)", "the class");
            foreach (var member in network.Members)
            {
                bool generated = IsGenerated(member.Name, layerCount) || (imports && ImportNames.Contains(member.Name));
                if (!generated || (member.IsMethod && (MethodNames.Contains(member.Name) || member.Name == "LoadTrainedWeights"))) continue;
                diagnostics.Report(DiagnosticDescriptors.NameOfGeneratedMember, member.Location, member.Name, name, "", "your member");
            }
        }

        private static bool IsGenerated(string name, int layerCount) => FixedNames.Contains(name) || IsLayerMember(name, layerCount);

        private static bool IsLayerMember(string name, int layerCount)
        {
            foreach (var (prefix, suffix) in LayerNames)
            {
                if (name.Length <= prefix.Length + suffix.Length
                    || !name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal)) continue;
                string index = name.Substring(prefix.Length, name.Length - prefix.Length - suffix.Length);
                // The emitter writes indices as plain decimals: "Layer01" is not a member, "Layer1" is.
                if (int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int layer)
                    && layer < layerCount && layer.ToString(CultureInfo.InvariantCulture) == index)
                    return true;
            }
            return false;
        }
    }
}
