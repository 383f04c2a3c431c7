using System;
using System.IO;

namespace NetGen
{
    /// <summary>
    /// Replaces a file all at once: the content goes to a sibling temporary file, is flushed to the
    /// disk, then moved over the target. Readers see the old file or the new one, never a mix; a
    /// failed write removes the temporary file and leaves the old file as it was.
    /// </summary>
    /// <remarks>
    /// Like an editor saving, it writes through symbolic links (the final target is replaced, the links
    /// stay), keeps the replaced file's Unix permissions, and refuses to replace anything but a regular
    /// file. Temporary files are named <c>{target}.netgen-tmp-{12 hex digits}</c>; those of the same target
    /// that a killed save left behind (unchanged for <see cref="StaleAfter"/> and not held open by a writer)
    /// are removed by the next save.
    /// </remarks>
    internal static class AtomicFile
    {
        /// <summary>How long a temporary file must be unchanged before a later save treats it as abandoned.</summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

        private const string TemporaryMarker = ".netgen-tmp-";

        /// <summary>The marker of NetGen versions before the stale-file cleanup, whose leftovers are removed too.</summary>
        private const string LegacyMarker = ".tmp-";

        private const int RandomDigits = 12;

        public static void Replace(string path, Action<Stream> write)
        {
            string full = Path.GetFullPath(path);
            string target = FinalTarget(full);
            var kind = FileKind.Of(target);
            if (kind is not (FileKind.Type.Regular or FileKind.Type.Missing or FileKind.Type.Unknown))
                throw new IOException($"Cannot save to {target}: it is not a regular file (it is a {FileKind.Describe(kind)})"
                                      + (target == full ? "." : $"; {full} links to it."));
            UnixFileMode? mode = null;
            if (!OperatingSystem.IsWindows() && kind != FileKind.Type.Missing) mode = File.GetUnixFileMode(target);

            RemoveStaleTemporaries(target);
            string temporary = target + TemporaryMarker + Guid.NewGuid().ToString("N").Substring(0, RandomDigits);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } created && !OperatingSystem.IsWindows()) options.UnixCreateMode = created;
            try
            {
                using (var stream = new FileStream(temporary, options))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                    if (!OperatingSystem.IsWindows())
                    {
                        // The create mode was narrowed by the umask: set the exact bits the old file had.
                        if (mode is { } exact) File.SetUnixFileMode(stream.SafeFileHandle, exact);
                        // Renamed while still open and locked, so a concurrent cleanup never sees it unlocked.
                        File.Move(temporary, target, overwrite: true);
                    }
                }
                if (OperatingSystem.IsWindows()) File.Move(temporary, target, overwrite: true);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }

        /// <summary>The file a save to <paramref name="full"/> must replace: the end of its chain of symbolic links.</summary>
        private static string FinalTarget(string full)
        {
            if (new FileInfo(full).LinkTarget is null) return full;
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }

        /// <summary>
        /// Deletes the temporary files of <paramref name="target"/> that no save is writing: unchanged for
        /// <see cref="StaleAfter"/> and, where the system has advisory locks, not locked by a writer. Never fails the save.
        /// </summary>
        private static void RemoveStaleTemporaries(string target)
        {
            string? directory = Path.GetDirectoryName(target);
            if (directory is null) return;
            string name = Path.GetFileName(target);
            var threshold = DateTime.UtcNow - StaleAfter;
            try
            {
                var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };
                foreach (var candidate in Directory.EnumerateFiles(directory, "*", options))
                {
                    if (!IsTemporaryOf(Path.GetFileName(candidate), name)) continue;
                    if (File.GetLastWriteTimeUtc(candidate) > threshold) continue;
                    if (InUse(candidate)) continue;
                    TryDelete(candidate);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Cleanup is a courtesy: an unreadable directory listing must not stop the save itself.
            }
        }

        internal static bool IsTemporaryOf(string fileName, string targetName)
        {
            foreach (var marker in new[] { TemporaryMarker, LegacyMarker })
            {
                string prefix = targetName + marker;
                if (fileName.Length != prefix.Length + RandomDigits || !fileName.StartsWith(prefix, StringComparison.Ordinal)) continue;
                bool hex = true;
                for (int i = prefix.Length; i < fileName.Length; i++)
                    hex &= char.IsAsciiHexDigitLower(fileName[i]);
                if (hex) return true;
            }
            return false;
        }

        /// <summary>Whether another writer holds the file open (a save in progress locks its temporary file).</summary>
        private static bool InUse(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                return false;
            }
            catch (IOException)
            {
                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
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
                // is left behind under its recognizable name, for the next save to clean.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }
}
