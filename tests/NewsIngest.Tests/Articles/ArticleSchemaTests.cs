using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Pipeline;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Articles;

/// <summary>docs/article.schema.json describes exactly the article JSON ArticleStore stores (in the Articles row, or the articles container).</summary>
public sealed class ArticleSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(RepositoryPaths.Root, "docs", "article.schema.json")));

    // Formats (date-time, uri) are only annotations by default in 2020-12; the contract means them as assertions.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(FixturesRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    private static string FixturesRoot => Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_fixture_page_is_either_stored_as_schema_valid_json_or_refused_by_the_rule_ParsePage_applies(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixturesRoot, fixture, "page.html"));
        var article = new ArticleExtractor().Extract(bytes, PageContext.Empty);

        // A refused page writes no JSON at all (it becomes a Rejections row), so there is nothing to validate.
        if (ArticleAcceptance.Refusal(article) is null)
        {
            AssertValid(StoredArticleJson.Serialize(article));
        }
        else
        {
            Assert.True(string.IsNullOrWhiteSpace(article.Body));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_expected_article_of_each_fixture_stored_the_same_way_validates_against_the_schema(string fixture)
    {
        // The expected articles hold every field a finished extractor returns, so the schema is checked against those too.
        var expected = ArticleJson.Deserialize(File.ReadAllText(Path.Combine(FixturesRoot, fixture, "expected.json")))!;

        AssertValid(StoredArticleJson.Serialize(expected));
    }

    [Fact]
    public void Every_stored_article_carries_the_schema_and_extractor_versions_first()
    {
        var json = JsonNode.Parse(StoredArticleJson.Serialize(new Article { Title = "T", Body = "B" }))!.AsObject();

        Assert.Equal(ArticleSchema.SchemaVersion, json[ArticleSchema.SchemaVersionProperty]!.GetValue<int>());
        Assert.Equal(ArticleSchema.ExtractorVersion, json[ArticleSchema.ExtractorVersionProperty]!.GetValue<string>());
        Assert.Equal([ArticleSchema.SchemaVersionProperty, ArticleSchema.ExtractorVersionProperty, "title", "body"], json.Select(p => p.Key));
    }

    [Theory]
    [InlineData("""{"extractorVersion":"1","body":"b"}""")]
    [InlineData("""{"schemaVersion":1,"extractorVersion":"1","body":"b","published":"yesterday"}""")]
    [InlineData("""{"schemaVersion":1,"extractorVersion":"1","body":"b","authors":"one"}""")]
    [InlineData("""{"schemaVersion":1,"extractorVersion":"1","body":"b","language":"french"}""")]
    [InlineData("""{"schemaVersion":1,"extractorVersion":"1","body":"b","unknown":1}""")]
    [InlineData("""{"schemaVersion":1,"extractorVersion":"1"}""")]
    public void The_schema_refuses_what_the_contract_forbids(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(Schema.Value.Evaluate(document.RootElement, Options).IsValid);
    }

    private static void AssertValid(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, Options);
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors) + "\n" + json);
    }
}
