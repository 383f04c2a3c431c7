using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NetGen.Tests.BatchNorm;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>
/// What <see cref="Checkpoint.Save(string, INetwork, IOptimizer?, TrainingPosition?)"/> and
/// <see cref="Checkpoint.Load(string, INetwork, IOptimizer?)"/> do with the file system around the file:
/// symbolic links, non-regular files, permissions and the temporary files of killed saves (docs/CHECKPOINTS.md).
/// </summary>
public class CheckpointFileTests
{
    private static byte[] Saved(INetwork network) => CheckpointTestKit.Save(network);

    private static BnBeforeAfterNet Network(int seed)
    {
        var network = new BnBeforeAfterNet();
        network.Initialize(seed);
        return network;
    }

    /// <summary>Runs a Unix tool; false when it is missing or fails (the caller then skips its check).</summary>
    private static bool Run(string tool, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The file type as stat(1) names it ("regular file", "character special file", "fifo", …).</summary>
    private static string FileType(string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("%F");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        string type = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return type;
    }

    [Fact]
    public void Saving_through_a_symbolic_link_replaces_the_target_and_keeps_the_link()
    {
        if (OperatingSystem.IsWindows()) return; // creating links needs a privilege there
        string directory = CheckpointTestKit.ScratchDirectory();
        string target = Path.Combine(directory, "real.safetensors");
        string link = Path.Combine(directory, "model.safetensors");
        string chain = Path.Combine(directory, "latest.safetensors");
        File.WriteAllBytes(target, Saved(Network(1)));
        File.CreateSymbolicLink(link, "real.safetensors");
        File.CreateSymbolicLink(chain, "model.safetensors");

        Checkpoint.Save(link, Network(2));
        Assert.Equal("real.safetensors", new FileInfo(link).LinkTarget);
        Assert.Equal(Saved(Network(2)), File.ReadAllBytes(target));

        Checkpoint.Save(chain, Network(3));
        Assert.Equal("model.safetensors", new FileInfo(chain).LinkTarget);
        Assert.Equal("real.safetensors", new FileInfo(link).LinkTarget);
        Assert.Equal(Saved(Network(3)), File.ReadAllBytes(target));
        Assert.Equal(new[] { "latest.safetensors", "model.safetensors", "real.safetensors" }, Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Directory.Delete(directory, true);
    }

    [Fact]
    public void Saving_through_a_dangling_link_creates_its_target()
    {
        if (OperatingSystem.IsWindows()) return;
        string directory = CheckpointTestKit.ScratchDirectory();
        string link = Path.Combine(directory, "model.safetensors");
        File.CreateSymbolicLink(link, "new.safetensors");

        Checkpoint.Save(link, Network(4));

        Assert.Equal("new.safetensors", new FileInfo(link).LinkTarget);
        Assert.Equal(Saved(Network(4)), File.ReadAllBytes(Path.Combine(directory, "new.safetensors")));
        Directory.Delete(directory, true);
    }

    [Fact]
    public void Saving_onto_a_directory_a_device_or_a_pipe_is_refused_naming_the_path_and_leaves_it_alone()
    {
        string directory = CheckpointTestKit.ScratchDirectory();
        string folder = Path.Combine(directory, "folder.safetensors");
        Directory.CreateDirectory(folder);
        var refused = Assert.Throws<IOException>(() => Checkpoint.Save(folder, Network(1)));
        Assert.Contains(folder, refused.Message);
        Assert.Contains("not a regular file", refused.Message);
        Assert.True(Directory.Exists(folder));

        if (!OperatingSystem.IsWindows())
        {
            // A private twin of /dev/null (as root) and a FIFO; a link to the device is refused as well.
            string device = Path.Combine(directory, "device.safetensors");
            string pipe = Path.Combine(directory, "pipe.safetensors");
            string link = Path.Combine(directory, "link.safetensors");
            foreach (var (path, made, type) in new[]
                     {
                         (device, Run("mknod", device, "c", "1", "3"), "character special file"),
                         (pipe, Run("mkfifo", pipe), "fifo"),
                     })
            {
                if (!made) continue;
                refused = Assert.Throws<IOException>(() => Checkpoint.Save(path, Network(1)));
                Assert.Contains(path, refused.Message);
                Assert.Equal(type, FileType(path));
                File.CreateSymbolicLink(link, path);
                refused = Assert.Throws<IOException>(() => Checkpoint.Save(link, Network(1)));
                Assert.Contains(path, refused.Message);
                Assert.Equal(type, FileType(path));
                File.Delete(link);
            }
        }
        Assert.DoesNotContain(Directory.GetFiles(directory), f => Path.GetFileName(f).Contains("tmp", StringComparison.Ordinal));
        Directory.Delete(directory, true);
    }

    [Fact]
    public void Saving_keeps_the_permissions_of_the_file_it_replaces()
    {
        if (OperatingSystem.IsWindows()) return;
        string directory = CheckpointTestKit.ScratchDirectory();
        string path = Path.Combine(directory, "model.safetensors");
        foreach (var mode in new[]
                 {
                     UnixFileMode.UserRead | UnixFileMode.UserWrite,
                     UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
                     UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
                 })
        {
            File.WriteAllBytes(path, new byte[] { 1 });
            File.SetUnixFileMode(path, mode);

            Checkpoint.Save(path, Network(5));

            Assert.Equal(mode, File.GetUnixFileMode(path));
            Assert.Equal(Saved(Network(5)), File.ReadAllBytes(path));
        }
        Directory.Delete(directory, true);
    }

    [Fact]
    public void A_save_removes_the_stale_temporary_files_a_killed_save_of_the_same_file_left()
    {
        string directory = CheckpointTestKit.ScratchDirectory();
        string path = Path.Combine(directory, "model.safetensors");
        string Temporary(string name, string hex, TimeSpan age)
        {
            string file = Path.Combine(directory, name + hex);
            File.WriteAllBytes(file, new byte[100]);
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - age);
            return file;
        }
        string stale = Temporary("model.safetensors.netgen-tmp-", "0123456789ab", TimeSpan.FromHours(2));
        string legacy = Temporary("model.safetensors.tmp-", "a1b2c3d4e5f6", TimeSpan.FromDays(3));
        string fresh = Temporary("model.safetensors.netgen-tmp-", "00000000000f", TimeSpan.FromSeconds(5));
        string otherTarget = Temporary("other.safetensors.netgen-tmp-", "0123456789ab", TimeSpan.FromHours(2));
        string notOurs = Temporary("model.safetensors.netgen-tmp-", "notes.txt", TimeSpan.FromHours(2));
        string held = Temporary("model.safetensors.netgen-tmp-", "fedcba987654", TimeSpan.FromHours(2));

        using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Checkpoint.Save(path, Network(6));
        }

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(fresh), "a temporary file written in the last minutes may belong to a save in progress");
        Assert.True(File.Exists(otherTarget), "another checkpoint's temporary files are its own business");
        Assert.True(File.Exists(notOurs), "only names NetGen makes are removed");
        if (!OperatingSystem.IsWindows()) Assert.True(File.Exists(held), "a file another writer holds open is in use");
        Assert.Equal(Saved(Network(6)), File.ReadAllBytes(path));
        Directory.Delete(directory, true);
    }

    [Fact]
    public void Loading_a_directory_or_a_device_is_a_checkpoint_exception_naming_the_path()
    {
        string directory = CheckpointTestKit.ScratchDirectory();
        var network = Network(7);
        var before = TrainingSnapshot.Of(network, null);

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.Load(directory, network));
        Assert.Equal(CheckpointFailure.NotAFile, refused.Failure);
        Assert.Contains(directory, refused.Message);
        refused = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(directory));
        Assert.Equal(CheckpointFailure.NotAFile, refused.Failure);
        refused = Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(network, directory));
        Assert.Equal(CheckpointFailure.NotAFile, refused.Failure);

        string device = Path.Combine(directory, "device.safetensors");
        if (!OperatingSystem.IsWindows() && Run("mknod", device, "c", "1", "3"))
        {
            refused = Assert.Throws<CheckpointException>(() => Checkpoint.Load(device, network));
            Assert.Equal(CheckpointFailure.NotAFile, refused.Failure);
            Assert.Contains(device, refused.Message);
        }
        before.AssertMatches(network, null);
        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Loading_a_pipe_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return;
        string directory = CheckpointTestKit.ScratchDirectory();
        string pipe = Path.Combine(directory, "pipe.safetensors");
        if (!Run("mkfifo", pipe)) return;

        var load = Task.Run(() => Checkpoint.Load(pipe, Network(8)));
        bool finished = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20))) == load;
        if (!finished)
        {
            // Opening a FIFO blocks until a writer comes: be that writer so the test run can end.
            using (new FileStream(pipe, FileMode.Open, FileAccess.Write)) { }
        }
        else
        {
            await Assert.ThrowsAnyAsync<Exception>(() => load);
        }

        Assert.True(finished, "loading a FIFO waited for a writer");
        var refused = Assert.IsType<CheckpointException>(load.Exception!.InnerException);
        Assert.Equal(CheckpointFailure.NotAFile, refused.Failure);
        Directory.Delete(directory, true);
    }
}
