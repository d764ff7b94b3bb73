using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Executors;
using NewsIngest.Core.Storage;

namespace NewsIngest.LocalHost.Hosting;

/// <summary>
/// The timer's schedule status (last and next occurrence, for past-due detection) in blob storage, at the path the Functions host
/// uses: <c>azure-webjobs-hosts/timers/{hostId}/{timer}/status</c>. The timer extension served for this SDK line (3.0.6) ships a
/// monitor built on the retired WindowsAzure.Storage client; this one uses the Azure.Storage.Blobs client the rest of the app uses.
/// </summary>
internal sealed class BlobScheduleMonitor(StorageAccount storage, IHostIdProvider hostIds) : ScheduleMonitor
{
    public const string HostsContainer = "azure-webjobs-hosts";

    private static readonly JsonSerializerOptions Json = new();

    private BlobContainerClient? _container;

    public override async Task<ScheduleStatus> GetStatusAsync(string timerName)
    {
        var blob = await StatusBlobAsync(timerName).ConfigureAwait(false);
        try
        {
            var content = await blob.DownloadContentAsync().ConfigureAwait(false);
            // A status of "null" reads as none, which the timer treats as a first start.
            return content.Value.Content.ToObjectFromJson<ScheduleStatus>(Json)!;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No status yet: the first start of this timer on this storage.
            return null!;
        }
    }

    public override async Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        var blob = await StatusBlobAsync(timerName).ConfigureAwait(false);
        await blob.UploadAsync(BinaryData.FromObjectAsJson(status, Json), overwrite: true).ConfigureAwait(false);
    }

    private async Task<BlobClient> StatusBlobAsync(string timerName)
    {
        if (_container is null)
        {
            var container = storage.Blobs.GetBlobContainerClient(HostsContainer);
            await container.CreateIfNotExistsAsync(PublicAccessType.None).ConfigureAwait(false);
            _container = container;
        }

        var hostId = await hostIds.GetHostIdAsync(CancellationToken.None).ConfigureAwait(false);
        return _container.GetBlobClient($"timers/{hostId}/{timerName}/status");
    }
}
