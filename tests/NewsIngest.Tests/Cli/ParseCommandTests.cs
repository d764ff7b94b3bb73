using System.IO.Compression;
using System.Text.Json.Nodes;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

public sealed class ParseCommandTests
{
    [Fact]
    public async Task Parse_prints_one_json_line_per_page_with_its_file_for_html_gzip_and_folders()
    {
        var folder = Directory.CreateTempSubdirectory("newsingest-parse-");
        try
        {
            var html = Path.Combine(folder.FullName, "a.html");
            await File.WriteAllBytesAsync(html, SeedPage.Html);
            var gz = Path.Combine(folder.FullName, "nested", "b.html.gz");
            Directory.CreateDirectory(Path.GetDirectoryName(gz)!);
            await using (var file = File.Create(gz))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(SeedPage.Html);
            }

            var (exitCode, output, error) = await CliProcess.RunAsync("parse", html, folder.FullName);

            Assert.True(exitCode == 0, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length); // the file, then the folder's two pages
            var objects = lines.Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
            Assert.Equal([html, html, gz], objects.Select(o => (string?)o["file"] ?? string.Empty));
            Assert.All(objects, o => Assert.Equal(SeedPage.Title, (string?)o["title"]));
            Assert.All(objects, o => Assert.Equal(SeedPage.CanonicalUrl, (string?)o["url"]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Parse_prints_many_pages_in_the_order_of_their_names_although_they_are_parsed_several_at_a_time()
    {
        var folder = Directory.CreateTempSubdirectory("newsingest-parse-order-");
        try
        {
            // More pages than cores, the larger ones first, so a page finished early would be printed out of order.
            var files = Enumerable.Range(0, 24).Select(i => Path.Combine(folder.FullName, $"p{i:00}.html")).ToList();
            for (var i = 0; i < files.Count; i++)
            {
                var paragraphs = string.Concat(Enumerable.Repeat("<p>Un paragraphe d'article suffisamment long pour compter comme texte, répété.</p>", (files.Count - i) * 20));
                await File.WriteAllTextAsync(files[i], $"<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1>{paragraphs}</article></body></html>");
            }

            var (exitCode, output, error) = await CliProcess.RunAsync("parse", folder.FullName);

            Assert.True(exitCode == 0, error);
            var objects = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
            Assert.Equal(files, objects.Select(o => (string?)o["file"] ?? string.Empty));
            Assert.Equal(files.Select((_, i) => $"Page {i}"), objects.Select(o => (string?)o["title"] ?? string.Empty));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Parse_uses_the_given_url_when_the_page_names_none()
    {
        var file = Path.Combine(Path.GetTempPath(), $"newsingest-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, "<html><body><article><h1>Titre</h1><p>Un paragraphe d'article suffisamment long pour compter comme texte.</p></article></body></html>");
        try
        {
            var (exitCode, output, error) = await CliProcess.RunAsync("parse", "--url", "https://news.example/a/1", file);
            Assert.True(exitCode == 0, error);
            Assert.Equal("https://news.example/a/1", (string?)JsonNode.Parse(output)!["url"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Parse_of_a_missing_file_fails_with_a_clear_message()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("parse", "/nonexistent/page.html");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("/nonexistent/page.html", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_reports_a_page_nested_too_deep_as_rejected_and_still_parses_the_other_files()
    {
        var folder = Directory.CreateTempSubdirectory("newsingest-parse-deep-");
        try
        {
            const int levels = 100_000;
            var deep = Path.Combine(folder.FullName, "a-deep.html");
            await File.WriteAllTextAsync(deep, "<html><body>" + string.Concat(Enumerable.Repeat("<div>", levels)) + "texte" + string.Concat(Enumerable.Repeat("</div>", levels)) + "</body></html>");
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "b-seed.html"), SeedPage.Html);

            var (exitCode, output, error) = await CliProcess.RunAsync("parse", folder.FullName);

            Assert.Equal(1, exitCode);
            Assert.Contains($"{deep}: rejected (too-deep): The markup nests more than 1000 levels deep.", error, StringComparison.Ordinal);
            var parsed = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(SeedPage.Title, (string?)JsonNode.Parse(parsed)!["title"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
