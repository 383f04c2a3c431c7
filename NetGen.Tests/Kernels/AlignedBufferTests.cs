using System;
using NetGen.Generated;
using NetGen.Tests.Inference;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The generated networks keep parameters, gradients and folded weights in <see cref="AlignedBuffer"/>s: the
/// first value on a 64-byte boundary, still there after the GC compacts the heap (unaligned 64-byte loads cost
/// batch-1 inference on L ~12 % on Zen 4: docs/PERFORMANCE.md).
/// </summary>
public class AlignedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100_000)]
    public void Starts_on_a_64_byte_boundary_zeroed_and_stays_there_through_a_compacting_collection(int length)
    {
        var buffers = new AlignedBuffer[32];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = AlignedBuffer.Allocate(length);
            _ = new byte[i * 24 + 8]; // shifts where the next allocation lands
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        foreach (var buffer in buffers)
        {
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            if (length == 0) continue;
            Assert.Equal(0, Address(buffer.Span) % 64);
            Assert.All(buffer.Span.ToArray(), value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public void Slices_are_bounds_checked_against_the_buffer_not_the_larger_array()
    {
        var buffer = AlignedBuffer.Allocate(10);
        buffer.Slice(3, 7).Fill(1f);
        Assert.Equal(new[] { 0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f, 1f }, buffer.Span.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(4, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(11, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlignedBuffer.Allocate(-1));
        Assert.Equal(10, buffer.Memory.Length);
    }

    [Fact]
    public void A_generated_network_keeps_its_parameters_and_gradients_aligned()
    {
        for (int i = 0; i < 16; i++)
        {
            var network = new WideInferenceNet();
            _ = new byte[i * 40 + 8];
            Assert.Equal(0, Address(network.Parameters) % 64);
            Assert.Equal(0, Address(network.Gradients) % 64);
        }
    }

    private static unsafe long Address(Span<float> span)
    {
        fixed (float* pointer = span) return (long)pointer;
    }
}
