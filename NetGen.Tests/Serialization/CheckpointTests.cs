using System;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using NetGen.Tests.BatchNorm;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>Saving and loading checkpoints: round trips, resumed training, the file format, refusals, atomic writes.</summary>
public class CheckpointTests
{
    public static TheoryData<string> Optimizers() => new() { "adam", "amsgrad", "adamw", "nadam", "sgd-momentum", "rmsprop-centered", "adagrad", "adamax" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_loaded_checkpoint_restores_parameters_batch_norm_statistics_and_optimizer_state_bit_for_bit(string kind)
    {
        var network = new BnBeforeAfterNet();
        var optimizer = CheckpointTestKit.CreateOptimizer(kind);
        CheckpointTestKit.Train(network, optimizer, 1, 5);
        var saved = TrainingSnapshot.Of(network, optimizer);
        string directory = CheckpointTestKit.ScratchDirectory();
        string path = Path.Combine(directory, "model.safetensors");
        Checkpoint.Save(path, network, optimizer, new TrainingPosition(2, 5));

        var fresh = new BnBeforeAfterNet();
        fresh.Initialize(777);
        var freshOptimizer = CheckpointTestKit.CreateOptimizer(kind);
        var info = Checkpoint.Load(path, fresh, freshOptimizer);

        saved.AssertMatches(fresh, freshOptimizer);
        Assert.Equal(new TrainingPosition(2, 5), info.Position);
        Assert.Equal(saved.Optimizer!.Kind, info.OptimizerKind);
        Assert.Equal(5, info.OptimizerSteps);
        Assert.Equal(Checkpoint.ArchitectureOf(network), info.Architecture);
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(directory).Select(Path.GetFileName));
        Directory.Delete(directory, true);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("nadam")]
    [InlineData("sgd-momentum")]
    public void Training_resumed_from_a_checkpoint_is_bit_identical_to_uninterrupted_training(string kind)
    {
        var network = new BnBeforeAfterNet();
        var optimizer = CheckpointTestKit.CreateOptimizer(kind);
        CheckpointTestKit.Train(network, optimizer, 1, 4);
        var checkpoint = CheckpointTestKit.Save(network, optimizer, new TrainingPosition(1, 4));
        CheckpointTestKit.Train(network, optimizer, 5, 12);

        var resumed = new BnBeforeAfterNet();
        resumed.Initialize(31337);
        var resumedOptimizer = CheckpointTestKit.CreateOptimizer(kind);
        var info = Checkpoint.Load(new MemoryStream(checkpoint), resumed, resumedOptimizer);
        CheckpointTestKit.Train(resumed, resumedOptimizer, (int)info.Position!.Step + 1, 12);

        TrainingSnapshot.Of(network, optimizer).AssertMatches(resumed, resumedOptimizer);
    }

    [Fact]
    public void With_dropout_training_resumes_bit_identically_once_both_runs_reseed_the_masks()
    {
        var network = new CheckpointPlainNet();
        var optimizer = new Adam(0.01f);
        CheckpointTestKit.Train(network, optimizer, 1, 3);
        var checkpoint = CheckpointTestKit.Save(network, optimizer);
        network.SeedDropout(99);
        CheckpointTestKit.Train(network, optimizer, 4, 9);

        var resumed = new CheckpointPlainNet();
        var resumedOptimizer = new Adam(0.01f);
        Checkpoint.Load(new MemoryStream(checkpoint), resumed, resumedOptimizer);
        resumed.SeedDropout(99); // the mask stream is not part of a checkpoint
        CheckpointTestKit.Train(resumed, resumedOptimizer, 4, 9);

        TrainingSnapshot.Of(network, optimizer).AssertMatches(resumed, resumedOptimizer);
    }

    [Fact]
    public void The_file_is_plain_safetensors_with_keras_layout_tensors_and_the_documented_metadata()
    {
        var network = new BnBeforeAfterNet();
        var optimizer = new Nadam(0.01f);
        CheckpointTestKit.Train(network, optimizer, 1, 3);
        var file = SafetensorsTestReader.Read(CheckpointTestKit.Save(network, optimizer, new TrainingPosition(7, 123)));

        Assert.Equal(0, (8 + file.HeaderLength) % 8);
        var metadata = file.Metadata;
        Assert.Equal("netgen-checkpoint", metadata["format"]);
        Assert.Equal("1", metadata["version"]);
        Assert.Equal("Nadam", metadata["optimizer"]);
        Assert.Equal("3", metadata["optimizer_steps"]);
        Assert.Equal("7", metadata["epoch"]);
        Assert.Equal("123", metadata["step"]);
        Assert.Equal(
            "inputs=5; loss=SoftmaxCrossEntropy; "
            + "layer0=dense(units=7, activation=Relu, bias=false, bn=before(gamma=true, beta=true)); "
            + "layer1=dense(units=6, activation=Tanh, bias=true, bn=after(gamma=true, beta=true)); "
            + "layer2=dense(units=3, activation=Softmax, bias=true)",
            metadata["architecture"]);
        Assert.Equal(XxHash64.HashToUInt64(file.Data).ToString("x16"), metadata["checksum"]);
        Assert.Matches("^[0-9a-f]{16}$", metadata["header_checksum"]);

        var layers = ((INetwork)network).Layers;
        var expected = new[]
        {
            "layer0.kernel", "layer0.bn.gamma", "layer0.bn.beta", "layer0.bn.moving_mean", "layer0.bn.moving_variance",
            "layer1.kernel", "layer1.bias", "layer1.bn.gamma", "layer1.bn.beta", "layer1.bn.moving_mean", "layer1.bn.moving_variance",
            "layer2.kernel", "layer2.bias", "optimizer.exp_avg", "optimizer.exp_avg_sq", "optimizer.mu_product",
        };
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), file.Tensors.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new long[] { 5, 7 }, file.Shape("layer0.kernel"));
        Assert.Equal(new long[] { 6, 3 }, file.Shape("layer2.kernel"));
        var layer1 = layers[1];
        Assert.Equal(network.Parameters.Slice(layer1.KernelOffset, 7 * 6).ToArray(), file.Values("layer1.kernel"));
        Assert.Equal(network.Parameters.Slice(layer1.BiasOffset, 6).ToArray(), file.Values("layer1.bias"));
        Assert.Equal(network.Parameters.Slice(layer1.BatchNorm!.GammaOffset, 6).ToArray(), file.Values("layer1.bn.gamma"));
        Assert.Equal(network.State.Slice(layer1.BatchNorm.VarianceOffset, 6).ToArray(), file.Values("layer1.bn.moving_variance"));
        var state = optimizer.ExportState();
        Assert.Equal(state.Buffers["exp_avg_sq"], file.Values("optimizer.exp_avg_sq"));
        Assert.Equal(new long[] { 1 }, file.Shape("optimizer.mu_product"));
    }

    [Fact]
    public void ReadTensors_reads_checkpoints_and_foreign_safetensors_files()
    {
        var network = new CheckpointPlainNet();
        var tensors = Checkpoint.ReadTensors(new MemoryStream(CheckpointTestKit.Save(network)));
        Assert.Equal(new[] { "layer0.bias", "layer0.kernel", "layer1.bias", "layer1.kernel", "layer2.bias", "layer2.kernel" }, tensors.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new long[] { 10, 5 }, tensors["layer1.kernel"].Shape);
        Assert.Equal(network.Parameters.Slice(((INetwork)network).Layers[1].KernelOffset, 50).ToArray(), tensors["layer1.kernel"].Values);

        // Another tool's file: no metadata, unsorted offsets in key order, a scalar and an empty tensor.
        var foreign = SafetensorsTestReader.Write(new[]
        {
            ("w", "F32", new long[] { 2, 2 }, SafetensorsTestReader.Floats(1, 2, 3, 4)),
            ("empty", "F32", new long[] { 0, 3 }, Array.Empty<byte>()),
            ("scale", "F32", Array.Empty<long>(), SafetensorsTestReader.Floats(0.5f)),
        });
        var read = Checkpoint.ReadTensors(new MemoryStream(foreign));
        Assert.Equal(new float[] { 1, 2, 3, 4 }, read["w"].Values);
        Assert.Empty(read["empty"].Values);
        Assert.Equal(new long[] { 0, 3 }, read["empty"].Shape);
        Assert.Equal(new[] { 0.5f }, read["scale"].Values);
        Assert.Empty(read["scale"].Shape);

        // Other float dtypes become float32 (Interop/PyTorchStateDictFileTests); integers are refused.
        var integers = SafetensorsTestReader.Write(new[] { ("h", "I32", new long[] { 2 }, new byte[8]) });
        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(new MemoryStream(integers)));
        Assert.Equal(CheckpointFailure.TensorEntry, refused.Failure);
        Assert.Equal("tensor h: dtype I32 is not supported (F32, F16, BF16 and F64 are read as float32)", refused.Message);
    }

    [Fact]
    public void Messages_name_the_tensor_and_the_disagreeing_numbers()
    {
        var file = SafetensorsTestReader.Write(new[] { ("layer1.kernel", "F32", new long[] { 3, 4 }, SafetensorsTestReader.Floats(1)) });
        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(new MemoryStream(file)));
        Assert.Equal("tensor layer1.kernel: data_offsets [0, 4] hold 1 float; shape [3, 4] needs 12", refused.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_checkpoint_of_another_architecture_is_refused_and_nothing_changes(bool sameTensorShapes)
    {
        byte[] checkpoint;
        INetwork target;
        if (sameTensorShapes)
        {
            checkpoint = CheckpointTestKit.Save(new CheckpointPlainNet());
            target = new CheckpointTwinNet();
        }
        else
        {
            checkpoint = CheckpointTestKit.Save(new BnBeforeAfterNet());
            target = new BnBinaryNet();
        }
        var before = TrainingSnapshot.Of(target, null);

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.Load(new MemoryStream(checkpoint), target));

        Assert.Equal(CheckpointFailure.Architecture, refused.Failure);
        Assert.Contains("architecture", refused.Message);
        before.AssertMatches(target, null);
    }

    [Theory]
    [InlineData("adam", "sgd-momentum", "'Adam' optimizer state; the given optimizer is 'Sgd'")]
    [InlineData("adam", "amsgrad", "Missing buffer 'max_exp_avg_sq'")]
    [InlineData(null, "adam", "holds no optimizer state")]
    public void Optimizer_state_that_does_not_fit_is_refused_and_nothing_changes(string? savedKind, string loadKind, string message)
    {
        var network = new BnBeforeAfterNet();
        var saver = savedKind is null ? null : CheckpointTestKit.CreateOptimizer(savedKind);
        if (saver is not null) CheckpointTestKit.Train(network, saver, 1, 2);
        var checkpoint = CheckpointTestKit.Save(network, saver);
        var target = new BnBeforeAfterNet();
        var optimizer = CheckpointTestKit.CreateOptimizer(loadKind);
        CheckpointTestKit.Train(target, optimizer, 10, 11);
        var before = TrainingSnapshot.Of(target, optimizer);

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.Load(new MemoryStream(checkpoint), target, optimizer));

        Assert.Equal(CheckpointFailure.Optimizer, refused.Failure);
        Assert.Contains(message, refused.Message);
        before.AssertMatches(target, optimizer);
    }

    [Fact]
    public void The_header_checksum_follows_the_documented_canonical_text()
    {
        var checkpoint = CheckpointTestKit.Save(new BnBeforeAfterNet(), new Adam(), new TrainingPosition(3, 30));
        var file = SafetensorsTestReader.Read(checkpoint);
        var header = System.Text.Json.Nodes.JsonNode.Parse(file.Header.RootElement.GetRawText())!.AsObject();
        Assert.Equal(file.Metadata["header_checksum"], SafetensorsTestReader.HeaderChecksum(header));
    }

    public static TheoryData<string, string> TensorSetEdits() => new()
    {
        { "rename", "tensor layer1.bias is missing" },
        { "transpose", "tensor layer1.kernel has shape [5, 10]; the network needs [10, 5]" },
        { "foreign", "tensor extra is not one of the network's" },
    };

    [Theory]
    [MemberData(nameof(TensorSetEdits))]
    public void A_well_formed_file_whose_tensors_differ_from_the_networks_is_refused(string edit, string message)
    {
        var network = new CheckpointPlainNet();
        var optimizer = new Adam();
        CheckpointTestKit.Train(network, optimizer, 1, 1);
        var checkpoint = CheckpointTestKit.Save(network, optimizer);
        var forged = SafetensorsTestReader.Resign(checkpoint, header =>
        {
            switch (edit)
            {
                case "rename":
                    var bias = header["layer1.bias"]!;
                    header.Remove("layer1.bias");
                    header["layer1.bias_renamed"] = bias;
                    break;
                case "transpose":
                    header["layer1.kernel"]!["shape"] = new System.Text.Json.Nodes.JsonArray(5, 10);
                    break;
                default:
                    var buffer = header["optimizer.exp_avg"]!;
                    header.Remove("optimizer.exp_avg");
                    header["extra"] = buffer;
                    break;
            }
        });
        var target = new CheckpointPlainNet();
        target.Initialize(3);
        var before = TrainingSnapshot.Of(target, null);

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.Load(new MemoryStream(forged), target));

        Assert.Equal(CheckpointFailure.TensorSet, refused.Failure);
        Assert.Equal(message, refused.Message);
        before.AssertMatches(target, null);
    }

    [Fact]
    public void Loading_without_an_optimizer_restores_the_network_and_ignores_the_saved_optimizer_state()
    {
        var network = new BnBeforeAfterNet();
        var optimizer = new Adam(0.01f);
        CheckpointTestKit.Train(network, optimizer, 1, 3);
        var checkpoint = CheckpointTestKit.Save(network, optimizer);
        var target = new BnBeforeAfterNet();
        target.Initialize(5);

        var info = Checkpoint.Load(new MemoryStream(checkpoint), target);

        TrainingSnapshot.Of(network, null).AssertMatches(target, null);
        Assert.Equal("Adam", info.OptimizerKind);
        Assert.Null(info.Position);
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_existing_file_intact_and_no_temporary_file()
    {
        string directory = CheckpointTestKit.ScratchDirectory();
        string path = Path.Combine(directory, "model.safetensors");
        var network = new BnBeforeAfterNet();
        Checkpoint.Save(path, network);
        var original = File.ReadAllBytes(path);

        var failure = Assert.Throws<IOException>(() => AtomicFile.Replace(path, stream =>
        {
            stream.Write(new byte[300]);
            stream.Flush();
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", failure.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(directory).Select(Path.GetFileName));

        // A successful save replaces the file, again without leftovers.
        network.Initialize(8);
        Checkpoint.Save(path, network);
        Assert.NotEqual(original, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(directory).Select(Path.GetFileName));
        Directory.Delete(directory, true);
    }

    [Fact]
    public void Saving_with_the_optimizer_of_another_network_is_refused_before_anything_is_written()
    {
        var other = new CheckpointPlainNet();
        var optimizer = new Adam();
        CheckpointTestKit.Train(other, optimizer, 1, 1);
        var stream = new MemoryStream();

        var refused = Assert.Throws<ArgumentException>(() => Checkpoint.Save(stream, new BnBeforeAfterNet(), optimizer));

        Assert.Contains("serves another network", refused.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Saving_to_a_stream_that_fails_midway_reports_the_stream_error()
    {
        var failure = Assert.Throws<IOException>(() => Checkpoint.Save(new FailingStream(100), new BnBeforeAfterNet()));
        Assert.Equal("the device failed after 100 bytes", failure.Message);
    }

    private sealed class FailingStream(int capacity) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > capacity) throw new IOException($"the device failed after {capacity} bytes");
            base.Write(buffer, offset, count);
        }
    }
}
