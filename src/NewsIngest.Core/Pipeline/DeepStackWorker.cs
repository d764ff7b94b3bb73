using System.Collections.Concurrent;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// A long-lived big-stack thread of <see cref="DeepStackWorkerPool"/>: it runs one piece of work at a time, then waits on
/// the pool's idle stack for the next, and ends once idle for its lifetime.
/// </summary>
internal sealed class DeepStackWorker
{
    private readonly object _gate = new();
    private readonly ConcurrentStack<DeepStackWorker> _idleWorkers;
    private readonly TimeSpan _idleLifetime;
    private DeepStackWork? _next;
    private bool _ended;

    private DeepStackWorker(DeepStackWork first, ConcurrentStack<DeepStackWorker> idleWorkers, TimeSpan idleLifetime)
    {
        _next = first;
        _idleWorkers = idleWorkers;
        _idleLifetime = idleLifetime;
    }

    public static void Start(DeepStackWork first, ConcurrentStack<DeepStackWorker> idleWorkers, int stackBytes, TimeSpan idleLifetime)
    {
        var worker = new DeepStackWorker(first, idleWorkers, idleLifetime);
        new Thread(worker.Loop, stackBytes) { IsBackground = true, Name = "NewsIngest extraction" }.Start();
    }

    /// <summary>Hands the worker its next work; false when it has ended (its idle lifetime ran out first).</summary>
    public bool TryAssign(DeepStackWork work)
    {
        lock (_gate)
        {
            if (_ended || _next is not null)
            {
                return false;
            }

            _next = work;
            Monitor.Pulse(_gate);
            return true;
        }
    }

    private void Loop()
    {
        while (true)
        {
            DeepStackWork work;
            lock (_gate)
            {
                work = _next!;
            }

            work.Execute();
            lock (_gate)
            {
                _next = null;
            }

            _idleWorkers.Push(this);
            work.Complete();
            lock (_gate)
            {
                while (_next is null)
                {
                    if (!Monitor.Wait(_gate, _idleLifetime) && _next is null)
                    {
                        // Left on the idle stack: whoever pops it is refused and takes the next worker.
                        _ended = true;
                        return;
                    }
                }
            }
        }
    }
}
