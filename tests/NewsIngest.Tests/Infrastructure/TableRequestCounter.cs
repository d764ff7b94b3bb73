using Azure.Core;
using Azure.Core.Pipeline;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Counts the storage requests (retries included) that reach one table's entities, to measure what an operation costs.</summary>
public sealed class TableRequestCounter(string table) : HttpPipelineSynchronousPolicy
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Adds the counter to a client's options; pass it to <c>StorageAccount.FromConnectionString</c>.</summary>
    public void AddTo(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Entity requests name the table in the path ("/HostLeases(...)", "/HostLeases"); table creation goes to "/Tables".
        if (message.Request.Uri.Path.Contains($"/{table}", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _requests);
        }
    }
}
