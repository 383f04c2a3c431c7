using System;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// The checks <see cref="Trainer.Fit"/> and <see cref="Trainer.Evaluate"/> run once over the caller's
    /// data before anything changes: every input feature finite, every target valid for the network's
    /// loss. A failure names the row (and column) in the array the caller passed, which part of the data
    /// that row belongs to, and the value, so the message points at the user's data rather than at a
    /// place in a shuffled batch.
    /// </summary>
    internal static class DataChecks
    {
        /// <summary>Throws when any feature in <paramref name="inputs"/> ([rows × width]) is NaN or infinite.</summary>
        /// <param name="inputs">The caller's inputs.</param>
        /// <param name="width">Features per row.</param>
        /// <param name="set">How to name the array and its rows in the message.</param>
        public static void CheckFeatures(ReadOnlySpan<float> inputs, int width, DataSetName set)
        {
            // The vector scan clears the usual case at memory speed; only a failure is located row by row.
            if (VectorMath.AllFinite(inputs)) return;
            for (int i = 0; i < inputs.Length; i++)
            {
                if (float.IsFinite(inputs[i])) continue;
                throw new ArgumentException(
                    $"{set.Describe(i / width, i % width, width)} is {Format(inputs[i])}: NetGen trains and evaluates only on finite features " +
                    "(a NaN or infinite feature would otherwise surface later as a divergence or a meaningless metric); remove or impute it.",
                    set.Parameter);
            }
        }

        /// <summary>Throws when any target in <paramref name="targets"/> is not valid for <paramref name="network"/>'s loss.</summary>
        /// <param name="network">The network whose loss and output size decide what is valid.</param>
        /// <param name="targets">The caller's targets, [rows × <see cref="INetwork.TargetSize"/>].</param>
        /// <param name="set">How to name the array and its rows in the message.</param>
        public static void CheckTargets(INetwork network, ReadOnlySpan<float> targets, DataSetName set)
        {
            int width = network.TargetSize, classes = network.OutputSize;
            var loss = network.Loss;
            for (int i = 0; i < targets.Length; i++)
            {
                if (IsValid(loss, targets[i], classes)) continue;
                throw new ArgumentException($"{set.Describe(i / width, i % width, width)} is {Format(targets[i])}, but {Rule(loss, classes)}.", set.Parameter);
            }
        }

        /// <summary>Whether <paramref name="value"/> is a target the loss can learn from (NaN never is).</summary>
        private static bool IsValid(Loss loss, float value, int classes) => loss switch
        {
            Loss.SoftmaxCrossEntropy => value >= 0 && value < classes && value == MathF.Floor(value),
            Loss.BinaryCrossEntropy => value >= 0 && value <= 1,
            Loss.CategoricalCrossEntropy => value >= 0 && float.IsFinite(value),
            _ => float.IsFinite(value),
        };

        private static string Rule(Loss loss, int classes) => loss switch
        {
            Loss.SoftmaxCrossEntropy => $"softmax cross-entropy targets are class indices: whole numbers in [0, {classes - 1}]",
            Loss.BinaryCrossEntropy => "binary cross-entropy targets are probabilities in [0, 1] (0 or 1 for hard labels)",
            Loss.CategoricalCrossEntropy => "categorical cross-entropy targets are one-hot or soft labels: finite and ≥ 0",
            _ => "mean squared error targets must be finite",
        };

        private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Names one array of a fit in error messages: the parameter (or option) it came in, and which part of
    /// the data its rows are (rows from <see cref="HeldOutFrom"/> on are the validation split's tail).
    /// </summary>
    /// <param name="Parameter">The argument or <see cref="FitOptions"/> property the array came in.</param>
    /// <param name="Part">What its rows are: "training data", "validation data", "data".</param>
    /// <param name="HeldOutFrom">First row held out by <see cref="FitOptions.ValidationSplit"/>, or <see cref="int.MaxValue"/>.</param>
    /// <param name="HeldOutPart">What the held-out rows are, naming the split that took them.</param>
    internal sealed record DataSetName(string Parameter, string Part, int HeldOutFrom = int.MaxValue, string HeldOutPart = "")
    {
        /// <summary>"targets row 37, column 1 (training data)": 0-based row and column in the caller's array (no column when rows are one value).</summary>
        public string Describe(int row, int column, int width)
            => width > 1
                ? $"{Parameter} row {row}, column {column} ({(row >= HeldOutFrom ? HeldOutPart : Part)}; rows and columns count from 0)"
                : $"{Parameter} row {row} ({(row >= HeldOutFrom ? HeldOutPart : Part)}; rows count from 0)";
    }
}
