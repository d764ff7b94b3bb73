namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// The UTC offset of Europe/Paris for a wall-clock time, by the EU rule in force since 1996 (summer time from the
/// last Sunday of March, 02:00, to the last Sunday of October, 03:00). Computed, not looked up, so it does not depend
/// on the host's time-zone database. Used for French visible dates, which never state their offset.
/// </summary>
internal static class ParisTime
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    public static TimeSpan OffsetFor(DateTime local)
    {
        var start = LastSunday(local.Year, 3).AddHours(2);
        var end = LastSunday(local.Year, 10).AddHours(3);
        return local >= start && local < end ? Summer : Winter;
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Unspecified);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
