namespace NewsIngest.Core.Pipeline;

/// <summary>
/// Runs CPU-bound work on a dedicated thread with a large stack. Parsing and walking a deeply nested DOM may recurse
/// once per level; a thread-pool thread's default stack (1.5 MiB on Linux, 1 MiB on Windows) overflows at a few
/// thousand levels, and a stack overflow kills the process. With <see cref="StackBytes"/> the limit is far beyond
/// what <see cref="MarkupDepth"/> lets through. The stack is reserved, not committed: only pages that recurse deeply use it.
/// </summary>
public static class DeepStackThread
{
    public const int StackBytes = 256 * 1024 * 1024;

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    result.SetResult(work());
                }
#pragma warning disable CA1031 // Any failure belongs to the awaiting caller, which decides what it means.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    result.SetException(ex);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "NewsIngest extraction",
        };
        thread.Start();
        return result.Task;
    }
}
