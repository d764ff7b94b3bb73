namespace NewsIngest.Core.Pipeline;

/// <summary>
/// Runs CPU-bound work on a thread with a large stack. Parsing and walking a deeply nested DOM may recurse once per level;
/// a thread-pool thread's default stack (1.5 MiB on Linux, 1 MiB on Windows) overflows at a few thousand levels, and a
/// stack overflow kills the process. With <see cref="StackBytes"/> the limit is far beyond what <see cref="MarkupDepth"/>
/// lets through. The stack is reserved, not committed: only pages that recurse deeply use it.
/// The threads are kept and reused (<see cref="DeepStackWorkerPool"/>): a new thread for every page cost far more than the
/// hand-over (<c>newsingest bench threads</c>, docs/extraction.md); one idle for <see cref="IdleLifetime"/> ends, giving
/// back the stack a deep page made it commit.
/// </summary>
public static class DeepStackThread
{
    public const int StackBytes = 256 * 1024 * 1024;

    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);

    private static readonly DeepStackWorkerPool Workers = new(StackBytes, IdleLifetime);

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        return Workers.RunAsync(work);
    }
}
