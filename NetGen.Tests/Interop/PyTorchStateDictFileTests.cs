using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Serialization;
using Xunit;

namespace NetGen.Tests.Interop;

/// <summary>
/// State dicts as PyTorch really writes them: <c>num_batches_tracked</c> as an I64 scalar, tensors in other
/// float dtypes (converted like <c>tensor.float()</c>), and values a network must not run on.
/// </summary>
public class PyTorchStateDictFileTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The fixture's tensors by name, each as raw little-endian F32 bytes.</summary>
    private static Dictionary<string, CheckpointTensor> FixtureTensors()
        => Checkpoint.ReadTensors(Fixture("torch_model.safetensors")).ToDictionary(p => p.Key, p => p.Value);

    private static float[] ImportedParameters(IReadOnlyDictionary<string, CheckpointTensor> tensors)
    {
        var network = new TorchMirrorNet();
        PyTorchStateDict.Import(network, tensors);
        return network.Parameters.ToArray().Concat(network.State.ToArray()).ToArray();
    }

    private static float[] ImportedFromFile(byte[] file)
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, file);
        try
        {
            var network = new TorchMirrorNet();
            PyTorchStateDict.Import(network, path);
            return network.Parameters.ToArray().Concat(network.State.ToArray()).ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Int64Scalar(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public void A_batch_norm_state_dict_with_I64_num_batches_tracked_imports_and_the_counter_is_ignored()
    {
        // torch.nn.BatchNorm1d.state_dict() holds num_batches_tracked as a 0-d int64 tensor (dtype I64,
        // shape []) beside the float tensors; interop.py took 5 training steps.
        var tensors = FixtureTensors();
        var entries = tensors.Select(p => (p.Key, "F32", p.Value.Shape.ToArray(), SafetensorsTestReader.Floats(p.Value.Values))).ToList();
        entries.Add(("layer0.bn.num_batches_tracked", "I64", Array.Empty<long>(), Int64Scalar(5)));
        entries.Add(("layer1.bn.num_batches_tracked", "I64", Array.Empty<long>(), Int64Scalar(5)));

        var imported = ImportedFromFile(SafetensorsTestReader.Write(entries));

        Assert.Equal(ImportedParameters(tensors), imported);
    }

    [Fact]
    public void F64_tensors_are_rounded_to_float32_like_tensor_float()
    {
        var tensors = FixtureTensors();
        var asDoubles = tensors.Select(p => (p.Key, "F64", p.Value.Shape.ToArray(), Doubles(p.Value.Values.Select(v => (double)v).ToArray())));

        Assert.Equal(ImportedParameters(tensors), ImportedFromFile(SafetensorsTestReader.Write(asDoubles)));

        // Round to nearest even, as a C++ static_cast<float>(double) does; tiny values underflow to (signed) zero.
        var read = Checkpoint.ReadTensors(new MemoryStream(SafetensorsTestReader.Write(new[]
        {
            ("d", "F64", new long[] { 6 }, Doubles(0.1, -1e-50, 3.4028235e38, double.NegativeInfinity, double.NaN, 16777217.0)),
        })));
        Assert.Equal(new[] { 0.1f, -0f, float.MaxValue, float.NegativeInfinity, float.NaN, 16777216f }, read["d"].Values);
        Assert.True(float.IsNegative(read["d"].Values[1]));
    }

    [Fact]
    public void A_finite_F64_value_beyond_float_range_is_refused_naming_the_tensor()
    {
        var file = SafetensorsTestReader.Write(new[] { ("layer0.bias", "F64", new long[] { 2 }, Doubles(1, -1e39)) });

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(new MemoryStream(file)));

        Assert.Equal(CheckpointFailure.TensorValues, refused.Failure);
        Assert.Equal("tensor layer0.bias: element 1 of dtype F64 is -1E+39, beyond float32's range (±3.4028235E+38)", refused.Message);
    }

    [Fact]
    public void F16_and_BF16_tensors_widen_to_float32_exactly()
    {
        // F16: 1.5, −0, 65504 (largest), 2⁻²⁴ (smallest subnormal), +∞, NaN. BF16 is the top half of a float32.
        ushort[] half = { 0x3E00, 0x8000, 0x7BFF, 0x0001, 0x7C00, 0x7E00 };
        ushort[] brain = { 0x3F80, 0x4049, 0x0001, 0xFF80, 0x7F7F };
        var read = Checkpoint.ReadTensors(new MemoryStream(SafetensorsTestReader.Write(new[]
        {
            ("h", "F16", new long[] { 2, 3 }, Shorts(half)),
            ("b", "BF16", new long[] { 5 }, Shorts(brain)),
        })));

        Assert.Equal(new long[] { 2, 3 }, read["h"].Shape);
        Assert.Equal(new[] { 1.5f, -0f, 65504f, MathF.Pow(2, -24), float.PositiveInfinity, float.NaN }, read["h"].Values);
        Assert.True(float.IsNegative(read["h"].Values[1]));
        Assert.Equal(brain.Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray(), read["b"].Values);
        Assert.Equal(3.140625f, read["b"].Values[1]);
    }

    [Theory]
    [InlineData("I64", 8)]
    [InlineData("I32", 4)]
    [InlineData("U8", 1)]
    [InlineData("BOOL", 1)]
    [InlineData("F8_E4M3", 1)]
    public void Other_dtypes_are_refused_naming_the_tensor_and_the_dtype(string dtype, int size)
    {
        var file = SafetensorsTestReader.Write(new[] { ("layer0.weight", dtype, new long[] { 2 }, new byte[2 * size]) });

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(new MemoryStream(file)));

        Assert.Equal(CheckpointFailure.TensorEntry, refused.Failure);
        Assert.Equal($"tensor layer0.weight: dtype {dtype} is not supported (F32, F16, BF16 and F64 are read as float32)", refused.Message);
    }

    [Fact]
    public void An_unknown_dtype_is_refused_naming_the_tensor_and_the_dtype()
    {
        var file = SafetensorsTestReader.Write(new[] { ("w", "Q4", new long[] { 2 }, new byte[2]) });

        var refused = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(new MemoryStream(file)));

        Assert.Equal(CheckpointFailure.TensorEntry, refused.Failure);
        Assert.Equal("tensor w: dtype Q4 is not a safetensors dtype", refused.Message);
    }

    public static TheoryData<string, int, float, string> PoisonedValues() => new()
    {
        { "layer0.bn.running_var", 3, -0.25f, "tensor layer0.bn.running_var: element 3 is -0.25; a running variance must be ≥ 0" },
        { "layer1.bn.running_var", 0, float.NaN, "tensor layer1.bn.running_var: element 0 is NaN; a running variance must be ≥ 0" },
        { "layer1.bn.running_var", 7, float.PositiveInfinity, "tensor layer1.bn.running_var: element 7 is Infinity; every imported value must be finite" },
        { "layer0.bn.running_mean", 1, float.NegativeInfinity, "tensor layer0.bn.running_mean: element 1 is -Infinity; every imported value must be finite" },
        { "layer1.weight", 5, float.NaN, "tensor layer1.weight: element 5 is NaN; every imported value must be finite" },
        { "layer2.bias", 2, float.PositiveInfinity, "tensor layer2.bias: element 2 is Infinity; every imported value must be finite" },
        { "layer0.bn.weight", 0, float.NaN, "tensor layer0.bn.weight: element 0 is NaN; every imported value must be finite" },
    };

    [Theory]
    [MemberData(nameof(PoisonedValues))]
    public void A_negative_or_non_finite_statistic_or_weight_is_refused_and_the_network_is_unchanged(string name, int element, float value, string message)
    {
        var tensors = FixtureTensors();
        var poisoned = tensors.ToDictionary(p => p.Key, p => p.Value);
        var values = (float[])tensors[name].Values.Clone();
        values[element] = value;
        poisoned[name] = Checkpoint.ReadTensors(new MemoryStream(SafetensorsTestReader.Write(new[] { (name, "F32", tensors[name].Shape.ToArray(), SafetensorsTestReader.Floats(values)) })))[name];
        var network = new TorchMirrorNet();
        var before = TrainingSnapshot.Of(network, null);

        var refused = Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(network, poisoned));

        Assert.Equal(CheckpointFailure.TensorValues, refused.Failure);
        Assert.Equal(message, refused.Message);
        before.AssertMatches(network, null);
    }

    [Fact]
    public void A_running_variance_of_zero_is_accepted()
    {
        var tensors = FixtureTensors();
        var values = (float[])tensors["layer0.bn.running_var"].Values.Clone();
        values[0] = 0f;
        values[1] = -0f;
        var edited = tensors.ToDictionary(p => p.Key, p => p.Value);
        edited["layer0.bn.running_var"] = Checkpoint.ReadTensors(new MemoryStream(SafetensorsTestReader.Write(new[] { ("v", "F32", new long[] { 10 }, SafetensorsTestReader.Floats(values)) })))["v"];

        PyTorchStateDict.Import(new TorchMirrorNet(), edited);
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }

    private static byte[] Shorts(ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }
}
