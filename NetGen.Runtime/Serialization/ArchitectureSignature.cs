using System.Globalization;
using System.Text;

namespace NetGen
{
    /// <summary>
    /// The human-readable description of everything that decides which tensors a network has and
    /// what they mean: inputs, loss, input normalization, and per layer units, activation (with alpha), bias, batch
    /// normalization placement with its gamma and beta, and dropout. Two networks with equal
    /// signatures accept each other's checkpoints. Initializers, penalties and constraints are left
    /// out: they shape training, not the saved values.
    /// </summary>
    internal static class ArchitectureSignature
    {
        public static string Of(INetwork network)
        {
            var text = new StringBuilder();
            text.Append("inputs=").Append(Number(network.InputSize)).Append("; loss=").Append(network.Loss.ToString());
            // Only networks with input normalization name it, so every older signature reads as before.
            if (network.Normalization is not null) text.Append("; normalization=true");
            foreach (var layer in network.Layers)
            {
                text.Append("; layer").Append(Number(layer.Index)).Append("=dense(units=").Append(Number(layer.Units));
                text.Append(", activation=").Append(layer.Activation.ToString());
                if (layer.Alpha != 0f) text.Append("(alpha=").Append(Number(layer.Alpha)).Append(')');
                text.Append(", bias=").Append(Flag(layer.HasBias));
                if (layer.BatchNorm is { } batchNorm)
                {
                    string placement = batchNorm.Placement == BatchNormPlacement.AfterActivation ? "after" : "before";
                    text.Append(", bn=").Append(placement).Append("(gamma=").Append(Flag(batchNorm.HasGamma)).Append(", beta=").Append(Flag(batchNorm.HasBeta)).Append(')');
                }
                if (layer.Dropout is { } dropout)
                    text.Append(dropout.IsAlpha ? ", alpha_dropout=" : ", dropout=").Append(Number(dropout.Rate));
                text.Append(')');
            }
            return text.ToString();
        }

        private static string Flag(bool value) => value ? "true" : "false";

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        // Shortest round-trip form, culture-independent: 0.01f prints as 0.01.
        private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
