using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Diagnostics;
using OpenTelemetry.Metrics;

namespace NewsIngest.Functions.Telemetry;

/// <summary>
/// Exports the <c>NewsIngest</c> page counters (fetched, parsed, rejected) with OpenTelemetry, to Application Insights when
/// the app has a connection string. Metrics only: the host already ships the worker's logs and request telemetry, so
/// exporting those here too would count them twice.
/// </summary>
public static class MetricsExport
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddNewsIngestMetricsExport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(NewsIngestMetrics.MeterName);
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                metrics.AddAzureMonitorMetricExporter(exporter => exporter.ConnectionString = connectionString);
            }
        });
        return services;
    }
}
