using System.Runtime.ExceptionServices;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// One call handed to a <see cref="DeepStackWorker"/>: it runs there, and its task completes only once the worker is idle
/// again, so a caller that awaits it and calls again finds that worker free.
/// </summary>
internal abstract class DeepStackWork
{
    public abstract void Execute();

    public abstract void Complete();
}

/// <summary>A <see cref="DeepStackWork"/> returning a <typeparamref name="T"/>.</summary>
internal sealed class DeepStackWork<T>(Func<T> work) : DeepStackWork
{
    // Continuations run elsewhere, never on the worker.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private ExceptionDispatchInfo? _failure;

    public Task<T> Task => _completion.Task;

    public override void Execute()
    {
        try
        {
            _result = work();
        }
#pragma warning disable CA1031 // Any failure belongs to the awaiting caller, which decides what it means.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    public override void Complete()
    {
        if (_failure is null)
        {
            _completion.SetResult(_result!);
        }
        else
        {
            _completion.SetException(_failure.SourceException);
        }
    }
}
