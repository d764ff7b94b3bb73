namespace NewsIngest.Core.Pipeline;

/// <summary>One call handed to a <see cref="DeepStackWorker"/>: it runs there and completes its task with the result or the exception.</summary>
internal abstract class DeepStackWork
{
    public abstract void Run();
}

/// <summary>A <see cref="DeepStackWork"/> returning a <typeparamref name="T"/>.</summary>
internal sealed class DeepStackWork<T>(Func<T> work) : DeepStackWork
{
    // Continuations run elsewhere, so the worker is free for the next page as soon as this one is done.
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _result.Task;

    public override void Run()
    {
        try
        {
            _result.SetResult(work());
        }
#pragma warning disable CA1031 // Any failure belongs to the awaiting caller, which decides what it means.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _result.SetException(ex);
        }
    }
}
