using System.Collections.Concurrent;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// Runs CPU-bound work on a thread with a large stack. Parsing and walking a deeply nested DOM may recurse once per level;
/// a thread-pool thread's default stack (1.5 MiB on Linux, 1 MiB on Windows) overflows at a few thousand levels, and a
/// stack overflow kills the process. With <see cref="StackBytes"/> the limit is far beyond what <see cref="MarkupDepth"/>
/// lets through. The stack is reserved, not committed: only pages that recurse deeply use it.
/// The threads are kept and reused (<see cref="DeepStackWorker"/>): a new thread per page cost more than a tenth of a
/// millisecond each (<c>newsingest bench threads</c>); one idle for <see cref="IdleLifetime"/> ends, giving back the stack a
/// deep page made it commit.
/// </summary>
public static class DeepStackThread
{
    public const int StackBytes = 256 * 1024 * 1024;

    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentStack<DeepStackWorker> IdleWorkers = new();

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var item = new DeepStackWork<T>(work);
        while (IdleWorkers.TryPop(out var worker))
        {
            // A worker that has just ended on its idle lifetime refuses; the next one is tried.
            if (worker.TryAssign(item))
            {
                return item.Task;
            }
        }

        DeepStackWorker.Start(item, IdleWorkers, StackBytes, IdleLifetime);
        return item.Task;
    }
}
