using System.Globalization;
using System.Text;

namespace NewsIngest.Cli.Bench;

/// <summary>Storage operations of a run divided by its articles: by service and price class, and by operation within each.</summary>
internal sealed class StorageOperationReport
{
    private readonly IReadOnlyList<StorageOperationCount> _counts;
    private readonly int _articles;

    public StorageOperationReport(IReadOnlyList<StorageOperationCount> counts, int articles)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _counts = counts;
        _articles = Math.Max(articles, 1);
    }

    /// <summary>Per article, keyed "service class" (e.g. "blob write"), in service then class order.</summary>
    public IReadOnlyDictionary<string, double> PerClass =>
        _counts.GroupBy(count => $"{count.Service} {count.PriceClass}", StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => Round(group.Sum(count => count.Count)), StringComparer.Ordinal);

    /// <summary>Per article, keyed "service operation" (e.g. "blob PutBlob").</summary>
    public IReadOnlyDictionary<string, double> PerOperation =>
        _counts.ToDictionary(count => $"{count.Service} {count.Operation}", count => Round(count.Count), StringComparer.Ordinal);

    /// <summary>One line per service and price class, its operations in brackets: what <c>bench ingest</c> prints.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var group in _counts.GroupBy(count => (count.Service, count.PriceClass)).OrderBy(group => group.Key.Service, StringComparer.Ordinal).ThenBy(group => group.Key.PriceClass, StringComparer.Ordinal))
        {
            var operations = string.Join(", ", group.OrderByDescending(count => count.Count).Select(count => string.Create(CultureInfo.InvariantCulture, $"{count.Operation} {Round(count.Count):0.###}")));
            text.Append(CultureInfo.InvariantCulture, $"  {group.Key.Service,-6}{group.Key.PriceClass,-12}{Round(group.Sum(count => count.Count)),8:0.000}  ({operations})").AppendLine();
        }

        return text.ToString();
    }

    private double Round(long count) => Math.Round((double)count / _articles, 4);
}
