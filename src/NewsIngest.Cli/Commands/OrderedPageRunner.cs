using NewsIngest.Core.Pipeline;

namespace NewsIngest.Cli.Commands;

/// <summary>
/// Parses files one per core at a time and hands the results back in the files' order. Each worker is one
/// <see cref="DeepStackThread"/> run (big stack, for deep pages) that takes file after file for itself, so no page waits for
/// the thread writing the results to wake up; only that writer waits, for the next page in order.
/// </summary>
internal static class OrderedPageRunner
{
    /// <summary>Pages that may be parsed ahead of the one being written: bounds what waits in memory behind a slow page.</summary>
    private const int MaxAhead = 64;

    public static void Run<T>(IReadOnlyList<string> files, Func<string, T> parse, Action<T> write)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(write);
        var results = files.Select(_ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var ahead = new SemaphoreSlim(MaxAhead);
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(Environment.ProcessorCount, files.Count))
            .Select(_ => DeepStackThread.RunAsync(
                () =>
                {
                    while (true)
                    {
                        // The slot is taken before the index, so the page the writer waits for always holds one: no deadlock.
                        ahead.Wait();
                        var index = Interlocked.Increment(ref next);
                        if (index >= files.Count)
                        {
                            ahead.Release();
                            return 0;
                        }

                        try
                        {
                            results[index].SetResult(parse(files[index]));
                        }
#pragma warning disable CA1031 // A bug in one page's parse is rethrown to the writer when that page's turn comes.
                        catch (Exception ex)
#pragma warning restore CA1031
                        {
                            results[index].SetException(ex);
                        }
                    }
                },
                CancellationToken.None))
            .ToList();

        foreach (var result in results)
        {
            write(result.Task.GetAwaiter().GetResult());
            ahead.Release();
        }

        Task.WaitAll(workers);
    }
}
