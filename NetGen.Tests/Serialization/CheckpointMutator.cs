using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NetGen.Tests.Serialization;

/// <summary>How a fuzzed checkpoint was damaged.</summary>
public enum Mutation
{
    ByteFlip,
    HeaderByteFlip,
    DataByteFlip,
    ByteRun,
    Truncation,
    HeaderLengthField,
    NumberEdit,
    KeyDeletion,
    KeyDuplication,
    DtypeEdit,
    OffsetSwap,
    MetadataEdit,
    TensorRename,
    PaddingGarbage,
    // A JSON edit re-signed with a correct header_checksum, as a tool that knows the format would
    // write it: reaches the architecture, tensor-set and optimizer checks behind the checksums.
    ResignedEdit,
    // The two below change only insignificant bytes: the load must succeed.
    Reformat,
    PaddingWhitespace,
}

/// <summary>Seeded damage to a valid checkpoint: raw byte edits, and JSON edits re-framed with a correct header length.</summary>
public sealed class CheckpointMutator(byte[] original, int seed)
{
    private static readonly Mutation[] Kinds = Enum.GetValues<Mutation>();
    private readonly Random _random = new(seed);
    private readonly int _headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
    private string Json => Encoding.UTF8.GetString(original, 8, _headerLength).TrimEnd(' ');
    private byte[] Data => original.AsSpan(8 + _headerLength).ToArray();

    public (Mutation Kind, byte[] File) Next()
    {
        var kind = Kinds[_random.Next(Kinds.Length)];
        return (kind, Apply(kind));
    }

    /// <summary>Whether a mutation of this kind leaves the meaning intact, so the load must succeed.</summary>
    public static bool IsInsignificant(Mutation kind) => kind is Mutation.Reformat or Mutation.PaddingWhitespace;

    private byte[] Apply(Mutation kind) => kind switch
    {
        Mutation.ByteFlip => Flip(0, original.Length),
        Mutation.HeaderByteFlip => Flip(0, 8 + _headerLength),
        Mutation.DataByteFlip => Flip(8 + _headerLength, original.Length),
        Mutation.ByteRun => ByteRun(),
        Mutation.Truncation => original.AsSpan(0, _random.Next(original.Length)).ToArray(),
        Mutation.HeaderLengthField => HeaderLengthField(),
        Mutation.NumberEdit => NumberEdit(),
        Mutation.KeyDeletion => KeyDeletion(),
        Mutation.KeyDuplication => KeyDuplication(),
        Mutation.DtypeEdit => EditTensor((_, entry) => entry["dtype"] = Pick("F16", "BF16", "F64", "I32", "f32", "F32 ", "")),
        Mutation.OffsetSwap => OffsetSwap(),
        Mutation.MetadataEdit => MetadataEdit(),
        Mutation.TensorRename => TensorRename(),
        Mutation.PaddingGarbage => Padding(garbage: true),
        Mutation.ResignedEdit => Resign(Apply(Pick(Mutation.NumberEdit, Mutation.KeyDeletion, Mutation.TensorRename, Mutation.MetadataEdit, Mutation.OffsetSwap, Mutation.DtypeEdit))),
        Mutation.Reformat => Reformat(),
        Mutation.PaddingWhitespace => Padding(garbage: false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private byte[] Flip(int from, int to)
    {
        var file = (byte[])original.Clone();
        int count = 1 + _random.Next(4);
        for (int i = 0; i < count; i++) file[_random.Next(from, to)] ^= (byte)_random.Next(1, 256);
        return file;
    }

    private byte[] ByteRun()
    {
        var file = (byte[])original.Clone();
        int length = 1 + _random.Next(32);
        int start = _random.Next(file.Length);
        var run = file.AsSpan(start, Math.Min(length, file.Length - start));
        if (_random.Next(2) == 0) _random.NextBytes(run);
        else run.Fill((byte)Pick<int>(0, ' ', '"', '{', '}', ',', '0', 0xFF));
        return file;
    }

    private byte[] HeaderLengthField()
    {
        var file = (byte[])original.Clone();
        ulong length = (ulong)_headerLength;
        ulong value = _random.Next(8) switch
        {
            0 => 0,
            1 => (ulong)(file.Length - 8 + _random.Next(1, 64)),
            2 => (ulong)(file.Length - 8),
            3 => ulong.MaxValue - (ulong)_random.Next(16),
            4 => (ulong)_random.NextInt64(),
            5 => length + (1UL << (32 + _random.Next(24))),
            _ => (ulong)Math.Max(1, _headerLength + (_random.Next(2) == 0 ? -1 : 1) * _random.Next(1, 24)),
        };
        BinaryPrimitives.WriteUInt64LittleEndian(file, value);
        return file;
    }

    private byte[] NumberEdit()
    {
        string json = Json;
        var numbers = Regex.Matches(json, "[0-9]+").ToArray();
        var match = numbers[_random.Next(numbers.Length)];
        long value = long.Parse(match.Value.Length > 18 ? match.Value[..18] : match.Value);
        string replacement = _random.Next(11) switch
        {
            0 => (value + 1).ToString(),
            1 => Math.Max(0, value - 1).ToString(),
            2 => (value + 4).ToString(),
            3 => Math.Max(0, value - 4).ToString(),
            4 => "0",
            5 => (value * 2).ToString(),
            6 => "99999999999999",
            7 => "-" + match.Value,
            8 => match.Value + ".5",
            9 => match.Value + "e0",
            _ => "18446744073709551616",
        };
        if (replacement == match.Value) replacement = (value + 1).ToString();
        return Frame(json[..match.Index] + replacement + json[(match.Index + match.Length)..]);
    }

    private byte[] KeyDeletion()
    {
        var root = Root();
        var target = _random.Next(3) switch
        {
            0 => root,
            1 => root["__metadata__"]!.AsObject(),
            _ => RandomTensor(root).Value,
        };
        var names = target.Select(p => p.Key).ToArray();
        target.Remove(names[_random.Next(names.Length)]);
        return Frame(root.ToJsonString());
    }

    private byte[] KeyDuplication()
    {
        var root = Root();
        var target = _random.Next(3) switch
        {
            0 => root,
            1 => root["__metadata__"]!.AsObject(),
            _ => RandomTensor(root).Value,
        };
        var property = target.ElementAt(_random.Next(target.Count));
        string text = target.ToJsonString();
        string duplicated = "{" + JsonSerializer.Serialize(property.Key) + ":" + property.Value!.ToJsonString() + "," + text[1..];
        string json = root.ToJsonString();
        int at = json.IndexOf(text, StringComparison.Ordinal);
        return Frame(json[..at] + duplicated + json[(at + text.Length)..]);
    }

    private byte[] EditTensor(Action<string, JsonObject> edit)
    {
        var root = Root();
        var (name, entry) = RandomTensor(root);
        edit(name, entry);
        return Frame(root.ToJsonString());
    }

    private byte[] OffsetSwap()
    {
        var root = Root();
        var tensors = Tensors(root).ToArray();
        var (_, first) = tensors[_random.Next(tensors.Length)];
        // Prefer a partner of the same size: the swap then keeps the layout valid.
        long Size(JsonObject entry) => entry["data_offsets"]![1]!.GetValue<long>() - entry["data_offsets"]![0]!.GetValue<long>();
        var sameSize = tensors.Where(t => t.Value != first && Size(t.Value) == Size(first)).ToArray();
        var pool = sameSize.Length > 0 && _random.Next(4) != 0 ? sameSize : tensors.Where(t => t.Value != first).ToArray();
        var (_, second) = pool[_random.Next(pool.Length)];
        var offsets = first["data_offsets"]!.ToJsonString();
        first["data_offsets"] = JsonNode.Parse(second["data_offsets"]!.ToJsonString());
        second["data_offsets"] = JsonNode.Parse(offsets);
        return Frame(root.ToJsonString());
    }

    private byte[] MetadataEdit()
    {
        var root = Root();
        var metadata = root["__metadata__"]!.AsObject();
        if (_random.Next(6) == 0)
        {
            metadata["note"] = "edited";
            return Frame(root.ToJsonString());
        }
        var keys = metadata.Select(p => p.Key).ToArray();
        string key = keys[_random.Next(keys.Length)];
        string value = metadata[key]!.GetValue<string>();
        metadata[key] = _random.Next(5) switch
        {
            0 => "",
            1 => value + "0",
            2 => value.Replace("Relu", "Tanh").Replace("true", "false"),
            3 => long.TryParse(value, out long number) ? (number + 1).ToString() : value.ToUpperInvariant(),
            _ => value.Length > 1 ? value[..^1] + (value[^1] == '1' ? "2" : "1") : "x",
        };
        if (metadata[key]!.GetValue<string>() == value) metadata[key] = value + "0";
        return Frame(root.ToJsonString());
    }

    private byte[] TensorRename()
    {
        var root = Root();
        var (name, entry) = RandomTensor(root);
        root.Remove(name);
        string renamed = Pick(new[] { name.Replace("layer", "layer9"), name + "_", "optimizer.extra", name.ToUpperInvariant(), "", name.Replace(".", ":"), "__metadata__x" }.Where(n => n != name).ToArray());
        root[renamed] = entry;
        return Frame(root.ToJsonString());
    }

    private byte[] Reformat()
    {
        var root = Root();
        if (_random.Next(2) == 0)
        {
            // Another key order: JSON objects are unordered.
            var reordered = new JsonObject();
            foreach (var property in root.ToArray().OrderBy(_ => _random.Next()))
                reordered[property.Key] = JsonNode.Parse(property.Value!.ToJsonString());
            root = reordered;
        }
        string json = _random.Next(2) == 0
            ? root.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
            : SpaceOut(root.ToJsonString());
        return Frame(json);
    }

    /// <summary>Inserts random JSON whitespace after structural characters outside strings.</summary>
    private string SpaceOut(string json)
    {
        var spaced = new StringBuilder();
        bool inString = false, escaped = false;
        foreach (char c in json)
        {
            spaced.Append(c);
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is ',' or ':' or '[' or '{') spaced.Append(Pick(' ', '\n', '\t', '\r'), _random.Next(0, 3));
        }
        return spaced.ToString();
    }

    private byte[] Padding(bool garbage)
    {
        string json = Json;
        var header = Encoding.UTF8.GetBytes(json).ToList();
        int padding = 8 + (8 - header.Count % 8) % 8;
        for (int i = 0; i < padding; i++) header.Add(garbage && i == _random.Next(padding) ? (byte)Pick('x', '0', '}', ',', '\0', '"') : (byte)Pick(' ', '\t', '\n', '\r'));
        if (garbage && header.Skip(json.Length).All(b => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            header[^1] = (byte)'x';
        return Framed(header.ToArray());
    }

    /// <summary>Sets header_checksum to match the edited header, when the header is still a JSON object of the expected shape.</summary>
    private static byte[] Resign(byte[] file)
    {
        try
        {
            return SafetensorsTestReader.Resign(file, _ => { });
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NullReferenceException or ArgumentException or FormatException)
        {
            return file;
        }
    }

    private JsonObject Root() => JsonNode.Parse(Json)!.AsObject();

    private static IEnumerable<KeyValuePair<string, JsonObject>> Tensors(JsonObject root)
        => root.Where(p => p.Key != "__metadata__").Select(p => new KeyValuePair<string, JsonObject>(p.Key, p.Value!.AsObject()));

    private KeyValuePair<string, JsonObject> RandomTensor(JsonObject root)
    {
        var tensors = Tensors(root).ToArray();
        return tensors[_random.Next(tensors.Length)];
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    /// <summary>A file with this header text, padded with spaces to 8 bytes, a correct length field and the original data.</summary>
    private byte[] Frame(string json)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var padded = new byte[(header.Length + 7) / 8 * 8];
        header.CopyTo(padded, 0);
        padded.AsSpan(header.Length).Fill((byte)' ');
        return Framed(padded);
    }

    private byte[] Framed(byte[] header)
    {
        var data = Data;
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }
}
