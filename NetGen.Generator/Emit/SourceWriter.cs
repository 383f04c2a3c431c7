using System;
using System.Text;

namespace NetGen.Generator.Emit
{
    /// <summary>An indented text writer whose blocks close their own braces.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        public void Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
        }

        /// <summary>Writes <paramref name="header"/> and an opening brace; disposing the result closes it.</summary>
        public IDisposable Block(string header, string closing = "}")
        {
            Line(header);
            Line("{");
            _indent++;
            return new Closer(this, closing);
        }

        /// <summary>Writes an opening brace on its own line (e.g. an object initializer); disposing the result closes it.</summary>
        public IDisposable Braces(string closing = "}")
        {
            Line("{");
            _indent++;
            return new Closer(this, closing);
        }

        public override string ToString() => _text.ToString();

        private sealed class Closer : IDisposable
        {
            private readonly SourceWriter _writer;
            private readonly string _closing;

            public Closer(SourceWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._indent--;
                _writer.Line(_closing);
            }
        }
    }
}
