using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// The documented <c>header_checksum</c> (docs/CHECKPOINTS.md), computed here independently: XXH64
    /// of one line per metadata entry but the checksums and one per tensor, each sorted by key.
    /// </summary>
    public static string HeaderChecksum(JsonObject header)
    {
        var text = new StringBuilder();
        var metadata = header["__metadata__"]!.AsObject();
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "checksum" or "header_checksum") continue;
            string content = value!.GetValue<string>();
            text.Append($"m {key.Length}:{key}{content.Length}:{content}\n");
        }
        foreach (var (name, entry) in header.Where(p => p.Key != "__metadata__").OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var shape = entry!["shape"]!.AsArray().Select(d => d!.ToJsonString());
            var offsets = entry["data_offsets"]!.AsArray();
            text.Append($"t {name.Length}:{name}{entry["dtype"]!.GetValue<string>()} [{string.Join(",", shape)}] {offsets[0]} {offsets[1]}\n");
        }
        return System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString())).ToString("x16");
    }

    /// <summary>Edits a checkpoint's header and signs it again, as a tool that knows the format would: the result passes both checksums.</summary>
    public static byte[] Resign(byte[] file, Action<JsonObject> edit)
    {
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(file, 8, headerLength))!.AsObject();
        edit(header);
        header["__metadata__"]!["header_checksum"] = HeaderChecksum(header);
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var data = file.AsSpan(8 + headerLength);
        var result = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)json.Length);
        json.CopyTo(result, 8);
        data.CopyTo(result.AsSpan(8 + json.Length));
        return result;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}
