namespace NetGen
{
    /// <summary>
    /// The clipping a fit asks for (<see cref="FitOptions.ClipValue"/>, <see cref="FitOptions.ClipNorm"/>,
    /// <see cref="FitOptions.GlobalClipNorm"/>), applied in that order, as Keras applies them.
    /// </summary>
    internal sealed class GradientClipper
    {
        private readonly float? _clipValue, _clipNorm, _globalClipNorm;
        private readonly GradientSegment[] _segments;

        private GradientClipper(float? clipValue, float? clipNorm, float? globalClipNorm, GradientSegment[] segments)
        {
            _clipValue = clipValue;
            _clipNorm = clipNorm;
            _globalClipNorm = globalClipNorm;
            _segments = segments;
        }

        /// <summary>The clipper for <paramref name="options"/>, or null when it clips nothing.</summary>
        public static GradientClipper? For(FitOptions options, INetwork network)
        {
            if (options.ClipValue is null && options.ClipNorm is null && options.GlobalClipNorm is null) return null;
            // Per-tensor clipping needs each layer's kernel and bias ranges, found once per fit.
            var segments = options.ClipNorm is null ? System.Array.Empty<GradientSegment>() : GradientSegment.ForLayers(network.Layers);
            return new GradientClipper(options.ClipValue, options.ClipNorm, options.GlobalClipNorm, segments);
        }

        /// <summary>Clips <paramref name="gradients"/> in place.</summary>
        public void Clip(System.Span<float> gradients)
        {
            if (_clipValue is { } clipValue) GradientClipping.ClipByValue(gradients, clipValue);
            if (_clipNorm is { } clipNorm) GradientClipping.ClipByNormPerSegment(gradients, _segments, clipNorm);
            if (_globalClipNorm is { } globalNorm) GradientClipping.ClipByGlobalNorm(gradients, globalNorm);
        }
    }
}
