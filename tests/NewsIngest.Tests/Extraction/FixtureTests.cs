using System.Globalization;
using System.Text.Json;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Extraction;

namespace NewsIngest.Tests.Extraction;

/// <summary>
/// Every fixture folder (page.html + expected.json) must extract to exactly the expected fields: strings equal,
/// arrays equal, and published/modified equal both as instants and in their UTC offsets.
/// </summary>
public sealed class FixtureTests
{
    private static readonly ArticleExtractor Extractor = new();

    public static TheoryData<string> Fixtures => FixtureCases.Names();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_page_extracts_every_expected_field(string name)
    {
        var folder = Path.Combine(FixtureCases.Root, name);
        var article = Extractor.Extract(File.ReadAllBytes(Path.Combine(folder, "page.html")), PageContext.Empty);
        var actual = JsonSerializer.SerializeToElement(article, ArticleJson.Compact);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));

        var failures = new List<string>();
        foreach (var field in expected.RootElement.EnumerateObject())
        {
            var got = actual.TryGetProperty(field.Name, out var value) ? value : default;
            var problem = Compare(field.Name, field.Value, got);
            if (problem is not null)
            {
                failures.Add(problem);
            }
        }

        Assert.True(failures.Count == 0, $"fixture '{name}':\n" + string.Join("\n", failures));
    }

    private static string? Compare(string field, JsonElement expected, JsonElement actual)
    {
        var actualNull = actual.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return actualNull ? null : $"{field}: expected null, got {actual.GetRawText()}";
        }

        if (actualNull)
        {
            return $"{field}: expected {expected.GetRawText()}, got null";
        }

        if (field is "published" or "modified")
        {
            return CompareDates(field, expected.GetString()!, actual.GetString()!);
        }

        if (expected.ValueKind == JsonValueKind.Array)
        {
            var e = expected.EnumerateArray().Select(x => x.GetString()).ToList();
            var a = actual.ValueKind == JsonValueKind.Array ? actual.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            return e.SequenceEqual(a) ? null : $"{field}: expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}]";
        }

        var expectedText = expected.GetString();
        var actualText = actual.ValueKind == JsonValueKind.String ? actual.GetString() : actual.GetRawText();
        return expectedText == actualText ? null : FieldDiff.Describe(field, expectedText, actualText);
    }

    private static string? CompareDates(string field, string expected, string actual)
    {
        var e = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        var a = DateTimeOffset.Parse(actual, CultureInfo.InvariantCulture);
        if (e.UtcDateTime != a.UtcDateTime)
        {
            return $"{field}: expected instant {expected}, got {actual}";
        }

        return e.Offset == a.Offset ? null : $"{field}: same instant but offset {a.Offset} instead of {e.Offset} ({actual} vs {expected})";
    }
}
