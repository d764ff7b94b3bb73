using NewsIngest.Core.Pipeline;

namespace NewsIngest.Tests.Pipeline;

public sealed class DeepStackWorkerPoolTests
{
    [Fact]
    public async Task A_run_after_another_has_completed_reuses_its_thread()
    {
        var pool = new DeepStackWorkerPool(DeepStackThread.StackBytes, TimeSpan.FromMinutes(1));

        var first = await pool.RunAsync(() => Thread.CurrentThread);
        var second = await pool.RunAsync(() => Thread.CurrentThread);

        Assert.Same(first, second);
        Assert.NotSame(Thread.CurrentThread, first);
    }

    [Fact]
    public async Task Runs_in_flight_together_each_get_a_thread_so_none_waits_for_another()
    {
        var pool = new DeepStackWorkerPool(DeepStackThread.StackBytes, TimeSpan.FromMinutes(1));
        using var barrier = new Barrier(4);

        // Each run waits for all four to be running at once: with fewer threads than runs the barrier would time out.
        var runs = Enumerable.Range(0, 4).Select(_ => pool.RunAsync(() => barrier.SignalAndWait(TimeSpan.FromSeconds(30)) ? Thread.CurrentThread : null)).ToList();
        var threads = await Task.WhenAll(runs);

        Assert.All(threads, Assert.NotNull);
        Assert.Equal(4, threads.Distinct().Count());
    }

    [Fact]
    public async Task A_worker_idle_past_its_lifetime_ends_and_a_later_run_gets_a_new_thread()
    {
        var pool = new DeepStackWorkerPool(DeepStackThread.StackBytes, TimeSpan.FromMilliseconds(50));
        var first = await pool.RunAsync(() => Thread.CurrentThread);

        Assert.True(first.Join(TimeSpan.FromSeconds(30)), "the idle worker thread did not end");
        var second = await pool.RunAsync(() => Thread.CurrentThread);

        Assert.NotSame(first, second);
        Assert.True(second.IsAlive);
    }

    [Fact]
    public async Task Recursion_500000_calls_deep_completes_on_a_reused_worker()
    {
        var pool = new DeepStackWorkerPool(DeepStackThread.StackBytes, TimeSpan.FromMinutes(1));
        var thread = await pool.RunAsync(() => Thread.CurrentThread);

        var depth = await pool.RunAsync(() => Thread.CurrentThread == thread ? Recurse(500_000) : -1);

        Assert.Equal(500_000, depth);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Recurse(int remaining) => remaining == 0 ? 0 : 1 + Recurse(remaining - 1);
}
