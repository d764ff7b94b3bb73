using System.Diagnostics.Metrics;

namespace NewsIngest.Core.Diagnostics;

/// <summary>
/// The pipeline's counters, on the <c>NewsIngest</c> meter: any System.Diagnostics.Metrics listener can read them —
/// OpenTelemetry's <c>AddMeter("NewsIngest")</c>, Application Insights, <c>dotnet-counters monitor -n ... NewsIngest</c>.
/// Names and tags are listed in docs/reliability.md.
/// </summary>
public sealed class NewsIngestMetrics
{
    public const string MeterName = "NewsIngest";

    private readonly Counter<long> _fetched;
    private readonly Counter<long> _parsed;
    private readonly Counter<long> _rejected;

    public NewsIngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _fetched = meter.CreateCounter<long>("newsingest.pages.fetched", "{page}", "Fetched pages newly stored in raw-pages.");
        _parsed = meter.CreateCounter<long>("newsingest.pages.parsed", "{page}", "Raw pages turned into a stored article.");
        _rejected = meter.CreateCounter<long>("newsingest.pages.rejected", "{page}", "Raw pages recorded in Rejections, tagged with the status.");
    }

    public void PageFetched() => _fetched.Add(1);

    public void PageParsed() => _parsed.Add(1);

    public void PageRejected(string status) => _rejected.Add(1, new KeyValuePair<string, object?>("status", status));
}
