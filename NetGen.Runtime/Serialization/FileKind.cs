using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen
{
    /// <summary>
    /// What a path names, following symbolic links, without opening it (opening a FIFO waits for a writer).
    /// .NET reports only "directory or not", so on Linux this asks the kernel with <c>statx(2)</c>, whose
    /// result layout is the same on every architecture; elsewhere, or when that call is unavailable, a
    /// non-directory that exists is <see cref="Type.Unknown"/>.
    /// </summary>
    internal static unsafe class FileKind
    {
        /// <summary>The kinds of file the checks tell apart.</summary>
        public enum Type
        {
            Missing,
            Regular,
            Directory,
            CharacterDevice,
            BlockDevice,
            Fifo,
            Socket,
            Unknown,
        }

        private const int AtCurrentDirectory = -100;
        private const uint StatxType = 0x0001;
        private const int StatxMaskOffset = 0;
        private const int StatxModeOffset = 28;
        private const int StatxSize = 256;

        /// <summary><c>int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *buffer)</c>, or null.</summary>
        private static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> Statx = FindStatx();

        public static Type Of(string path)
        {
            if (Directory.Exists(path)) return Type.Directory;
            if (!File.Exists(path)) return Type.Missing;
            return Statx is null ? Type.Unknown : FromStatx(path);
        }

        public static string Describe(Type type) => type switch
        {
            Type.Directory => "directory",
            Type.CharacterDevice => "character device",
            Type.BlockDevice => "block device",
            Type.Fifo => "FIFO (named pipe)",
            Type.Socket => "socket",
            _ => "file of unknown type",
        };

        private static Type FromStatx(string path)
        {
            byte[] name = Encoding.UTF8.GetBytes(path + "\0");
            byte* buffer = stackalloc byte[StatxSize];
            int result;
            fixed (byte* pathBytes = name)
                result = Statx(AtCurrentDirectory, pathBytes, 0, StatxType, buffer);
            if (result != 0 || (*(uint*)(buffer + StatxMaskOffset) & StatxType) == 0) return Type.Unknown;
            // S_IFMT bits of st_mode (<sys/stat.h>).
            return (*(ushort*)(buffer + StatxModeOffset) & 0xF000) switch
            {
                0x8000 => Type.Regular,
                0x4000 => Type.Directory,
                0x2000 => Type.CharacterDevice,
                0x6000 => Type.BlockDevice,
                0x1000 => Type.Fifo,
                0xC000 => Type.Socket,
                _ => Type.Unknown,
            };
        }

        private static delegate* unmanaged<int, byte*, int, uint, byte*, int> FindStatx()
        {
            if (!OperatingSystem.IsLinux()) return null;
            foreach (var library in new[] { "libc.so.6", "libc" })
            {
                if (NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, "statx", out var address))
                    return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)address;
            }
            return null;
        }
    }
}
