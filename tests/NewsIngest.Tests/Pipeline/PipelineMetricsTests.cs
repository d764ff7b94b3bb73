using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Diagnostics;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>The NewsIngest meter counts fetched, parsed and rejected pages, as an exporter would see them.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PipelineMetricsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Stored_fetched_pages_parsed_pages_and_rejections_by_status_are_counted_on_the_NewsIngest_meter()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var factory = services.GetRequiredService<IMeterFactory>();
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this provider's meter: other tests' service providers publish the same names in parallel.
            if (instrument.Meter.Name == NewsIngestMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().Select(t => $"/{t.Value}"));
            lock (counts)
            {
                counts[key] = counts.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();
        var raw = services.GetRequiredService<RawPageStore>();
        var processor = services.GetRequiredService<PageProcessor>();
        var clients = services.GetRequiredService<StorageClients>();
        var good = $"metrics.example/{Guid.NewGuid():N}.html";
        var empty = $"metrics.example/{Guid.NewGuid():N}.html";

        Assert.NotNull(await raw.TryAddAsync(good, TestPages.Article("Compté", "Un article."), new RawPageOrigin(new Uri("https://metrics.example/a")), CancellationToken.None));
        Assert.NotNull(await raw.TryAddAsync(empty, Encoding.UTF8.GetBytes(" "), new RawPageOrigin(new Uri("https://metrics.example/b")), CancellationToken.None));
        await processor.ProcessAsync(clients.RawPages.GetBlobClient(good), CancellationToken.None);
        await processor.ProcessAsync(clients.RawPages.GetBlobClient(empty), CancellationToken.None);

        Assert.Equal(2, counts.GetValueOrDefault("newsingest.pages.fetched"));
        Assert.Equal(1, counts.GetValueOrDefault("newsingest.pages.parsed"));
        Assert.Equal(1, counts.GetValueOrDefault("newsingest.pages.rejected/empty"));
    }
}
