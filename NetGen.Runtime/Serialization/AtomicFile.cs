using System;
using System.IO;

namespace NetGen
{
    /// <summary>
    /// Replaces a file all at once: the content goes to a sibling temporary file, is flushed to the
    /// disk, then moved over the target. Readers see the old file or the new one, never a mix; a
    /// failed write removes the temporary file and leaves the old file as it was.
    /// </summary>
    internal static class AtomicFile
    {
        public static void Replace(string path, Action<Stream> write)
        {
            string target = Path.GetFullPath(path);
            string temporary = target + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, target, overwrite: true);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // The original failure is the one to report; a temporary file that cannot be removed
                // is left behind under its recognizable name.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }
}
