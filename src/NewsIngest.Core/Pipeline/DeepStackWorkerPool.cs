using System.Collections.Concurrent;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The big-stack threads behind <see cref="DeepStackThread"/>: work goes to an idle worker when there is one, else to a new
/// one, so there are never fewer threads than calls in flight and no call waits for another's page.
/// </summary>
internal sealed class DeepStackWorkerPool(int stackBytes, TimeSpan idleLifetime)
{
    private readonly ConcurrentStack<DeepStackWorker> _idleWorkers = new();

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var item = new DeepStackWork<T>(work);
        while (_idleWorkers.TryPop(out var worker))
        {
            // A worker that has just ended on its idle lifetime refuses; the next one is tried.
            if (worker.TryAssign(item))
            {
                return item.Task;
            }
        }

        DeepStackWorker.Start(item, _idleWorkers, stackBytes, idleLifetime);
        return item.Task;
    }
}
