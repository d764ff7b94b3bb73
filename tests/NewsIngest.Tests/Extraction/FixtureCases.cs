namespace NewsIngest.Tests.Extraction;

/// <summary>Enumerates the fixture folders copied next to the test assembly (Extraction/Fixtures/&lt;name&gt;/).</summary>
public static class FixtureCases
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(directory, "page.html")) && File.Exists(Path.Combine(directory, "expected.json")))
            {
                data.Add(Path.GetFileName(directory));
            }
        }

        return data;
    }
}
