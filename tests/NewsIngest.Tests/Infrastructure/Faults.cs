using Azure.Core;
using Azure.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Storage clients for fault tests: few, quick retries, and optionally a transport that injects 503 answers.</summary>
public static class Faults
{
    /// <summary>One quick retry, so a test against unreachable storage fails in about a second rather than a minute.</summary>
    public static StorageAccount FastFailingAccount(string connectionString, FaultInjector? injector = null, int maxRetries = 1) =>
        StorageAccount.FromConnectionString(connectionString, options =>
        {
            options.Retry.MaxRetries = maxRetries;
            options.Retry.Delay = TimeSpan.FromMilliseconds(20);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
            if (injector is not null)
            {
#pragma warning disable CA2000 // The transport owns the handler chain for the life of the test's clients.
                options.Transport = new HttpClientTransport(new HttpClient(injector.CreateHandler()));
#pragma warning restore CA2000
            }
        });
}
