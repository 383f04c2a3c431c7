using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// The class names of a text label column: numbered in order of first appearance while the file streams past
    /// (one dictionary entry per class, never per row), then renumbered in ordinal sort order at the end, so the
    /// same names get the same indices however the rows are ordered (scikit-learn's <c>LabelEncoder</c> sorts too).
    /// </summary>
    internal sealed class CsvClassNames
    {
        private readonly Dictionary<string, int> _indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> _names = new List<string>();

        public int Count => _names.Count;

        /// <summary>The provisional index of <paramref name="name"/>, adding it if new; false when that would exceed <paramref name="maxCount"/> classes.</summary>
        public bool TryGetIndex(ReadOnlySpan<char> name, int maxCount, out int index)
        {
            string key = name.ToString();
            if (_indexOf.TryGetValue(key, out index)) return true;
            if (_names.Count >= maxCount) return false;
            index = _names.Count;
            _indexOf.Add(key, index);
            _names.Add(key);
            return true;
        }

        /// <summary>Renumbers <paramref name="labels"/> (provisional indices) in sorted name order; returns the sorted names.</summary>
        public string[] Sort(int[] labels)
        {
            var sorted = _names.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            var renumbered = new int[sorted.Length];
            for (int k = 0; k < sorted.Length; k++) renumbered[_indexOf[sorted[k]]] = k;
            for (int i = 0; i < labels.Length; i++) labels[i] = renumbered[labels[i]];
            return sorted;
        }
    }
}
