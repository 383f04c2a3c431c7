using System;
using NetGen.Generator.Import;
using NetGen.Generator.Import.Onnx;
using Xunit;

namespace NetGen.Tests.Import.Onnx;

/// <summary>The protobuf wire-format reader: varints, fixed widths, lengths checked before use, skipping.</summary>
public class ProtoReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x01 }, 1UL)]
    [InlineData(new byte[] { 0xAC, 0x02 }, 300UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void Varints_decode_little_endian_base_128(byte[] bytes, ulong expected)
    {
        var reader = new ProtoReader(bytes);
        Assert.Equal(expected, reader.ReadVarint());
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void Negative_int64_is_a_ten_byte_twos_complement_varint()
    {
        var bytes = new ProtobufWriter().Varint(1, -1).ToArray();
        var reader = new ProtoReader(bytes);
        Assert.Equal((1, ProtoReader.Varint), reader.ReadTag());
        Assert.Equal(-1L, reader.ReadInt64());
    }

    [Fact]
    public void A_varint_longer_than_ten_bytes_or_cut_short_is_malformed()
    {
        var eleven = new byte[11];
        Array.Fill(eleven, (byte)0x80);
        Assert.Contains("longer than 10 bytes", Assert.Throws<OnnxFormatException>(() => new ProtoReader(eleven).ReadVarint()).Message);
        Assert.Contains("truncated", Assert.Throws<OnnxFormatException>(() => new ProtoReader(new byte[] { 0x80, 0x80 }).ReadVarint()).Message);
    }

    [Fact]
    public void Fixed_width_floats_and_length_delimited_fields_are_read_in_place()
    {
        var bytes = new ProtobufWriter().Float(2, 1.5f).String(4, "Gemm").Varint(3, 7).ToArray();
        var reader = new ProtoReader(bytes);
        Assert.Equal((2, ProtoReader.Fixed32), reader.ReadTag());
        Assert.Equal(1.5f, reader.ReadFloat());
        Assert.Equal((4, ProtoReader.LengthDelimited), reader.ReadTag());
        Assert.Equal("Gemm", reader.ReadString());
        Assert.Equal((3, ProtoReader.Varint), reader.ReadTag());
        reader.Skip(ProtoReader.Varint);
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void Skip_passes_every_wire_type_ONNX_uses()
    {
        var bytes = new ProtobufWriter().Varint(1, 1 << 40).Float(2, 1f).String(3, "abc").ToArray();
        var withFixed64 = new byte[bytes.Length + 9];
        bytes.CopyTo(withFixed64, 0);
        withFixed64[bytes.Length] = (4 << 3) | 1;          // field 4, fixed64, then 8 bytes
        var reader = new ProtoReader(withFixed64);
        for (int field = 1; field <= 4; field++)
        {
            var (number, wire) = reader.ReadTag();
            Assert.Equal(field, number);
            reader.Skip(wire);
        }
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0x0B }, "unsupported wire type 3")]      // field 1, start group
    [InlineData(new byte[] { 0x0C }, "unsupported wire type 4")]      // field 1, end group
    [InlineData(new byte[] { 0x07 }, "invalid field number 0")]
    public void Groups_and_field_zero_are_malformed(byte[] bytes, string expected)
        => Assert.Contains(expected, Assert.Throws<OnnxFormatException>(() => new ProtoReader(bytes).ReadTag()).Message);

    [Fact]
    public void A_length_past_the_end_fails_before_anything_is_allocated()
    {
        // Field 7 (graph) declaring 2^31 - 1 bytes in a 7-byte file.
        var bytes = new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00 };
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = OnnxModelReader.ReadUnguarded(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("the file is not a readable ONNX model: a field at byte 1 declares 2147483647 bytes but its message has 1 left: the file is truncated or is not an ONNX model", Assert.Single(result.Problems));
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Dims_that_promise_more_values_than_the_file_holds_allocate_nothing_for_them()
    {
        // A 2^30 × 2^30 tensor with 4 bytes of data: a problem, not a 4-exabyte array.
        var tensor = new ProtobufWriter().Varint(1, 1L << 30).Varint(1, 1L << 30).Varint(2, 1).String(8, "W").Bytes(9, new byte[4]);
        var model = new OnnxGraphBuilder().Input("x", null, 3).Tensor(tensor).Node("MatMul", new[] { "x", "W" }, "y").Output("y").Build();
        var result = OnnxModelReader.ReadUnguarded(model);
        Assert.Equal("tensor 'W' has invalid dims [1073741824, 1073741824]", Assert.Single(result.Problems));
    }

    [Fact]
    public void Repeated_integers_are_read_packed_or_one_per_field()
    {
        var packedDims = new ProtobufWriter().Bytes(1, new byte[] { 3, 4 }).Varint(2, 1).String(8, "W").Bytes(9, new byte[48]);
        var model = new OnnxGraphBuilder().Input("x", null, 3).Tensor(packedDims).Node("MatMul", new[] { "x", "W" }, "y").Output("y", null, 4).Build();
        var network = OnnxModelReader.ReadUnguarded(model).Network;
        Assert.Equal((3, 4), (network!.Layers[0].Inputs, network.Layers[0].Units));
    }

    [Theory]
    [InlineData((ushort)0x3C00, 1f)]
    [InlineData((ushort)0xBC00, -1f)]
    [InlineData((ushort)0x7BFF, 65504f)]
    [InlineData((ushort)0x0400, 6.1035156e-05f)]
    [InlineData((ushort)0x8001, -5.9604645e-08f)]
    [InlineData((ushort)0x7C00, float.PositiveInfinity)]
    public void Float16_values_widen_exactly(ushort half, float expected)
        => Assert.Equal(expected, FloatBits.HalfToSingle(half));
}
