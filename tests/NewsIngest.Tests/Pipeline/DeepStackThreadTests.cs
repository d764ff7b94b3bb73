using NewsIngest.Core.Pipeline;

namespace NewsIngest.Tests.Pipeline;

public sealed class DeepStackThreadTests
{
    [Fact]
    public async Task Recursion_500000_calls_deep_completes_on_the_extraction_thread()
    {
        // A thread-pool thread (1.5 MiB of stack on Linux) overflows some tens of thousands of frames down, which would end
        // the test process: this depth only fits in the extraction thread's stack.
        var depth = await DeepStackThread.RunAsync(() => Recurse(500_000), CancellationToken.None);

        Assert.Equal(500_000, depth);
    }

    [Fact]
    public async Task An_exception_thrown_on_the_extraction_thread_reaches_the_awaiting_caller()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => DeepStackThread.RunAsync<int>(() => throw new InvalidOperationException("bad page"), CancellationToken.None));

        Assert.Equal("bad page", thrown.Message);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Recurse(int remaining) => remaining == 0 ? 0 : 1 + Recurse(remaining - 1);
}
