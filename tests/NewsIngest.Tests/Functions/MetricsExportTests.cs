using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Diagnostics;
using NewsIngest.Functions.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace NewsIngest.Tests.Functions;

/// <summary>The Functions app's OpenTelemetry wiring really listens to the NewsIngest meter.</summary>
public sealed class MetricsExportTests
{
    [Fact]
    public void Page_counters_recorded_by_the_pipeline_reach_the_metrics_exporter()
    {
        var exported = new List<Metric>();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<NewsIngestMetrics>();
        services.AddNewsIngestMetricsExport(new ConfigurationBuilder().Build());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var provider = services.BuildServiceProvider();
        var meterProvider = provider.GetRequiredService<MeterProvider>();
        var metrics = provider.GetRequiredService<NewsIngestMetrics>();

        metrics.PageFetched();
        metrics.PageParsed();
        metrics.PageParsed();
        metrics.PageRejected("empty");
        meterProvider.ForceFlush();

        Assert.Equal(2, Sum(exported, "newsingest.pages.parsed"));
        Assert.Equal(1, Sum(exported, "newsingest.pages.fetched"));
        Assert.Equal(1, Sum(exported, "newsingest.pages.rejected"));
    }

    private static long Sum(List<Metric> exported, string name)
    {
        long total = 0;
        foreach (var metric in exported.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                total += point.GetSumLong();
            }
        }

        return total;
    }
}
