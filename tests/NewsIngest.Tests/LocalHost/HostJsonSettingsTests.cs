using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Pipeline;
using NewsIngest.LocalHost;

namespace NewsIngest.Tests.LocalHost;

/// <summary>The listeners' queue and blob options, read from the root host.json as the Functions host reads them.</summary>
[Collection(LocalHostTests.Name)]
public sealed class HostJsonSettingsTests
{
    [Fact]
    public void The_listeners_take_their_queue_and_blob_settings_from_the_root_host_json()
    {
        var extensions = LocalHostRun.HostJson()["extensions"]!;
        using var host = LocalFunctionHost.Build(LocalHostRun.Settings("UseDevelopmentStorage=true", settings: new Dictionary<string, string?>
        {
            ["AzureWebJobs:extensions:queues:maxPollingInterval"] = null,
        }));

        var queues = host.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;
        Assert.Equal((int)extensions["queues"]!["batchSize"]!, queues.BatchSize);
        Assert.Equal((int)extensions["queues"]!["newBatchThreshold"]!, queues.NewBatchThreshold);
        Assert.Equal((int)extensions["queues"]!["maxDequeueCount"]!, queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse((string)extensions["queues"]!["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture), queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.Parse((string)extensions["queues"]!["maxPollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture), queues.MaxPollingInterval);
        Assert.Equal((int)extensions["blobs"]!["maxDegreeOfParallelism"]!, host.Services.GetRequiredService<IOptions<BlobsOptions>>().Value.MaxDegreeOfParallelism);
        // The downloader marks a claim poisoned on the delivery the listener poisons the message: the two must agree.
        Assert.Equal(PageDownloader.MaxDeliveries, queues.MaxDequeueCount);
    }
}
