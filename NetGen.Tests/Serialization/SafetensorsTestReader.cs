using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>
/// A deliberately small, independent reading of the safetensors format (not the runtime's code):
/// u64 little-endian header length, JSON header, data buffer; asserts the rules a safetensors
/// reader relies on.
/// </summary>
public sealed class SafetensorsTestReader
{
    private SafetensorsTestReader(int headerLength, JsonDocument header, byte[] data)
    {
        HeaderLength = headerLength;
        Header = header;
        Data = data;
    }

    public int HeaderLength { get; }

    public JsonDocument Header { get; }

    public byte[] Data { get; }

    public Dictionary<string, string> Metadata => Header.RootElement.GetProperty("__metadata__").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public IEnumerable<JsonProperty> Tensors => Header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__");

    public static SafetensorsTestReader Read(byte[] file)
    {
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.True(length <= (ulong)(file.Length - 8));
        int headerLength = (int)length;
        var headerBytes = file.AsSpan(8, headerLength);
        Assert.Equal((byte)'{', headerBytes[0]);
        string text = new UTF8Encoding(false, true).GetString(headerBytes);
        var document = JsonDocument.Parse(text);
        var data = file.AsSpan(8 + headerLength).ToArray();

        // Tensors tile the buffer: sorted by begin, each starts where the previous ended.
        long position = 0;
        foreach (var (begin, end, tensor) in document.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__")
                     .Select(p => (p.Value.GetProperty("data_offsets")[0].GetInt64(), p.Value.GetProperty("data_offsets")[1].GetInt64(), p.Value))
                     .OrderBy(t => t.Item1).ThenBy(t => t.Item2))
        {
            Assert.Equal(position, begin);
            Assert.Equal("F32", tensor.GetProperty("dtype").GetString());
            long count = tensor.GetProperty("shape").EnumerateArray().Aggregate(1L, (product, d) => product * d.GetInt64());
            Assert.Equal(count * 4, end - begin);
            position = end;
        }
        Assert.Equal(data.Length, position);
        return new SafetensorsTestReader(headerLength, document, data);
    }

    public long[] Shape(string name) => Header.RootElement.GetProperty(name).GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();

    public float[] Values(string name)
    {
        var offsets = Header.RootElement.GetProperty(name).GetProperty("data_offsets");
        int begin = offsets[0].GetInt32(), end = offsets[1].GetInt32();
        var values = new float[(end - begin) / 4];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(Data.AsSpan(begin + 4 * i));
        return values;
    }

    /// <summary>Writes a safetensors file the way another tool might: given key order, optional metadata, no padding rule.</summary>
    public static byte[] Write(IEnumerable<(string Name, string DType, long[] Shape, byte[] Bytes)> tensors, Dictionary<string, string>? metadata = null)
    {
        var json = new StringBuilder("{");
        var data = new List<byte>();
        var parts = new List<string>();
        if (metadata is not null)
            parts.Add("\"__metadata__\":{" + string.Join(",", metadata.Select(p => JsonSerializer.Serialize(p.Key) + ":" + JsonSerializer.Serialize(p.Value))) + "}");
        foreach (var (name, dtype, shape, bytes) in tensors)
        {
            parts.Add($"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{data.Count},{data.Count + bytes.Length}]}}");
            data.AddRange(bytes);
        }
        json.Append(string.Join(",", parts)).Append('}');
        var header = Encoding.UTF8.GetBytes(json.ToString());
        var file = new byte[8 + header.Length + data.Count];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}
