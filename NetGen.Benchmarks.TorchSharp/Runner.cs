using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Benchmarks.Performance;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.Benchmarks.TorchSharp;

/// <summary>
/// Measures one workload as NetGen's runner does: training samples/s of a full step (zero_grad, forward, loss,
/// backward, optimizer step) with SGD(lr 0.01) and with Adam(lr 1e-4), the latency of an eval-mode forward of one
/// sample and the samples/s of an eval-mode forward of 256. Inputs are standard normal, labels uniform in
/// [0, outputs), cycled over eight pre-drawn batches. Every call runs in its own dispose scope, so the
/// temporaries' native memory is freed at once rather than left to the finalizer.
/// </summary>
internal static class Runner
{
    private const int Batches = 8;

    public static Figures Measure(Workload workload, out long parameters)
    {
        int batch = workload.Batch;
        manual_seed(7);
        var inputs = new Tensor[Batches];
        var labels = new Tensor[Batches];
        for (int b = 0; b < Batches; b++)
        {
            inputs[b] = randn(batch, workload.Inputs);
            labels[b] = randint(0, workload.Outputs, new long[] { batch }, dtype: ScalarType.Int64);
        }

        double Train(Func<IEnumerable<Parameter>, optim.Optimizer> optimizerOf)
        {
            manual_seed(1);
            using var model = workload.Create();
            model.train();
            using var optimizer = optimizerOf(model.parameters());
            using var criterion = nn.CrossEntropyLoss();
            double steps = Harness.CallsPerSecond(i =>
            {
                using var scope = NewDisposeScope();
                int b = i % Batches;
                optimizer.zero_grad();
                var loss = criterion.call(model.call(inputs[b]), labels[b]);
                loss.backward();
                optimizer.step();
            });
            return steps * batch;
        }

        double sgd = Train(p => optim.SGD(p, 0.01));
        double adam = Train(p => optim.Adam(p, 1e-4));

        manual_seed(1);
        using var net = workload.Create();
        parameters = net.parameters().Sum(p => p.numel());
        net.eval();
        double single, batched;
        using var samples = randn(Workload.InferenceBatch, workload.Inputs);
        var rows = Enumerable.Range(0, Workload.InferenceBatch).Select(i => samples[i..(i + 1)].contiguous()).ToArray();
        using (inference_mode())
        {
            single = Harness.CallsPerSecond(i =>
            {
                using var scope = NewDisposeScope();
                net.call(rows[i % Workload.InferenceBatch]);
            });
            batched = Harness.CallsPerSecond(_ =>
            {
                using var scope = NewDisposeScope();
                net.call(samples);
            }) * Workload.InferenceBatch;
        }

        foreach (var t in inputs.Concat(labels).Concat(rows)) t.Dispose();
        return new Figures(sgd, adam, 1e6 / single, batched);
    }
}
