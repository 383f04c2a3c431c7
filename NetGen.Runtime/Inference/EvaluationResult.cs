namespace NetGen
{
    /// <summary>
    /// What <see cref="NetworkPredictions.Evaluate"/> measured over a data set (Keras's <c>evaluate</c> with the
    /// metrics that fit the loss). Metrics that do not apply to the loss are null.
    /// </summary>
    /// <param name="Loss">Mean loss over the rows, kernel penalties included (as <see cref="INetwork.Evaluate"/> and Keras's <c>loss</c>).</param>
    /// <param name="Accuracy">Classification accuracy as Keras defines it for the loss (see <see cref="NetGen.Accuracy"/>); null for regression.</param>
    /// <param name="MeanAbsoluteError">Mean |prediction − target| over every output of every row; null for classification.</param>
    /// <param name="RootMeanSquaredError">√(mean (prediction − target)²) over every output of every row; null for classification.</param>
    /// <param name="R2">
    /// Coefficient of determination as scikit-learn's <c>r2_score</c> (uniform average over outputs): per output
    /// 1 − Σ(y − ŷ)² / Σ(y − ȳ)², and for a constant target 1 when predicted exactly, 0 otherwise; null for classification.
    /// </param>
    /// <param name="Samples">Rows evaluated.</param>
    public sealed record EvaluationResult(double Loss, double? Accuracy, double? MeanAbsoluteError, double? RootMeanSquaredError, double? R2, int Samples);
}
