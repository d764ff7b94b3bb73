namespace NewsIngest.Tests.Extraction;

/// <summary>Human-readable hints for a failed field comparison: where two strings first differ, with context.</summary>
public static class FieldDiff
{
    private const int Context = 60;

    public static string Describe(string field, string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return $"{field}: expected {Show(expected)}, got {Show(actual)}";
        }

        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - Context);
        return $"{field}: first difference at char {at} (expected length {expected.Length}, actual {actual.Length})\n" +
               $"  expected: …{Escape(expected.Substring(from, Math.Min(expected.Length - from, 2 * Context)))}…\n" +
               $"  actual:   …{Escape(actual.Substring(from, Math.Min(actual.Length - from, 2 * Context)))}…";
    }

    private static string Show(string? value) => value is null ? "null" : $"\"{Escape(value.Length > 200 ? value[..200] + "…" : value)}\"";

    private static string Escape(string value) => value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u00A0", "\\u00A0", StringComparison.Ordinal);
}
