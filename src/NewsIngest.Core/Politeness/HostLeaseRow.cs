using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace NewsIngest.Core.Politeness;

/// <summary>
/// One host's row in the <c>HostLeases</c> table: the earliest time the next request to the host may start, and per slot the
/// lease holding it and the time it frees itself. Times are UTC ticks (Int64), exact where a table DateTime might round.
/// </summary>
public sealed record HostLeaseRow(string Host, long NextStartTicks, IReadOnlyList<HostLeaseSlot> Slots, ETag ETag)
{
    private const string RowKey = "lease";
    private const string NextStartProperty = "NextStartTicks";

    /// <summary>A host nobody has booked yet, with every slot free.</summary>
    public static HostLeaseRow Empty(string host, int slots) =>
        new(host, 0, Enumerable.Repeat(HostLeaseSlot.Free, slots).ToArray(), default);

    /// <summary>The index of a slot free at <paramref name="nowTicks"/> (never held, released, or expired), or -1.</summary>
    public int FreeSlot(long nowTicks)
    {
        for (var index = 0; index < Slots.Count; index++)
        {
            if (Slots[index].UntilTicks <= nowTicks)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The earliest time a held slot expires by itself.</summary>
    public long EarliestExpiryTicks => Slots.Min(slot => slot.UntilTicks);

    /// <summary>This row with <paramref name="slot"/> held by <paramref name="leaseId"/> and the next start moved on.</summary>
    public HostLeaseRow Book(int slot, string leaseId, long startTicks, long spacingTicks, long holdUntilTicks) =>
        this with { NextStartTicks = startTicks + spacingTicks, Slots = With(slot, new HostLeaseSlot(leaseId, holdUntilTicks)) };

    /// <summary>This row with <paramref name="slot"/> free again.</summary>
    public HostLeaseRow Release(int slot) => this with { Slots = With(slot, HostLeaseSlot.Free) };

    /// <summary>
    /// Reads a stored row for <paramref name="slots"/> slots: extra stored slots (the limit was lowered) are ignored, missing
    /// ones (it was raised) are free.
    /// </summary>
    public static HostLeaseRow FromEntity(TableEntity entity, int slots)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var read = Enumerable.Range(0, slots)
            .Select(index => new HostLeaseSlot(
                entity.GetString(OwnerProperty(index)) ?? string.Empty,
                entity.GetInt64(UntilProperty(index)) ?? 0))
            .ToArray();
        return new HostLeaseRow(entity.PartitionKey, entity.GetInt64(NextStartProperty) ?? 0, read, entity.ETag);
    }

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(Host, RowKey) { [NextStartProperty] = NextStartTicks, ETag = ETag };
        for (var index = 0; index < Slots.Count; index++)
        {
            entity[OwnerProperty(index)] = Slots[index].Owner;
            entity[UntilProperty(index)] = Slots[index].UntilTicks;
        }

        return entity;
    }

    /// <summary>The table key of a host's row.</summary>
    public static (string Partition, string Row) Keys(string host) => (host, RowKey);

    private HostLeaseSlot[] With(int slot, HostLeaseSlot value)
    {
        var slots = Slots.ToArray();
        slots[slot] = value;
        return slots;
    }

    private static string OwnerProperty(int index) => string.Create(CultureInfo.InvariantCulture, $"Owner{index}");

    private static string UntilProperty(int index) => string.Create(CultureInfo.InvariantCulture, $"UntilTicks{index}");
}
