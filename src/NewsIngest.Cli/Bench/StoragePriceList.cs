using System.Globalization;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// List prices of storage operations, per 10,000, by service and price class (US dollars, pay-as-you-go, LRS, Hot tier,
/// East US): the figures docs/cost.md cites with their sources and dates. Kept in one place so the bench's dollar figure
/// and the document's arithmetic use the same numbers; update both together.
/// </summary>
internal static class StoragePriceList
{
    /// <summary>The day the figures were taken from their sources (docs/cost.md, "Prices").</summary>
    public const string AsOf = "2026-12-03";

    private static readonly Dictionary<(string Service, string PriceClass), decimal> PerTenThousand = new()
    {
        [("blob", "write")] = 0.05m,
        [("blob", "list")] = 0.05m,
        [("blob", "read")] = 0.004m,
        [("blob", "other")] = 0.004m,
        [("blob", "delete")] = 0m,
        [("queue", "class1")] = 0.004m,
        [("queue", "class2")] = 0.004m,
        [("table", "transaction")] = 0.00036m,
    };

    /// <summary>The price of one operation of a class; an unknown class is priced as a blob write, the dearest, so an estimate never hides it.</summary>
    public static decimal PriceOf(string service, string priceClass) =>
        (PerTenThousand.TryGetValue((service, priceClass), out var price) ? price : PerTenThousand[("blob", "write")]) / 10_000m;

    /// <summary>Dollars for a set of counted operations.</summary>
    public static decimal Cost(IEnumerable<StorageOperationCount> counts) =>
        counts.Sum(count => count.Count * PriceOf(count.Service, count.PriceClass));

    /// <summary>The per-10,000 prices as one line, for a bench's output.</summary>
    public static string Describe() =>
        string.Join(", ", PerTenThousand.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key.Service} {pair.Key.PriceClass} ${pair.Value}")))
        + $" per 10,000 (docs/cost.md, as of {AsOf})";
}
