using System.IO.Compression;
using System.Text.Json.Nodes;
using NewsIngest.Cli.Bench;
using NewsIngest.Cli.Commands;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary><c>newsingest bench startup</c> and <c>bench threads</c>: their options, their pages and the baseline process they time.</summary>
public sealed class StartupBenchCommandTests
{
    [Fact]
    public void Bench_startup_binds_the_benchmarks_folder_copies_and_runs()
    {
        var result = StartupBenchCommand.CreateStartup().Parse(["--benchmarks", "/data/benchmarks", "--copies", "2", "--runs", "5"]);

        Assert.Empty(result.Errors);
        Assert.Equal("/data/benchmarks", result.GetValue<string>("--benchmarks"));
        Assert.Equal(2, result.GetValue<int>("--copies"));
        Assert.Equal(5, result.GetValue<int>("--runs"));
    }

    [Fact]
    public void Bench_startup_defaults_to_three_copies_three_runs_and_the_shared_benchmarks()
    {
        var result = StartupBenchCommand.CreateStartup().Parse([]);

        Assert.Empty(result.Errors);
        Assert.Equal(Path.Combine("..", "shared", "benchmarks"), result.GetValue<string>("--benchmarks"));
        Assert.Equal(3, result.GetValue<int>("--copies"));
        Assert.Equal(3, result.GetValue<int>("--runs"));
    }

    [Fact]
    public void Bench_threads_binds_its_rounds()
    {
        var result = StartupBenchCommand.CreateThreads().Parse(["--rounds", "4"]);

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.GetValue<int>("--rounds"));
    }

    [Fact]
    public void The_pages_are_every_article_bodies_page_then_the_first_wcxb_pages_by_name_181_in_all()
    {
        var benchmarks = Directory.CreateTempSubdirectory("newsingest-startup-pages-");
        try
        {
            var bodies = Directory.CreateDirectory(Path.Combine(benchmarks.FullName, "article-bodies", "html"));
            var wcxb = Directory.CreateDirectory(Path.Combine(benchmarks.FullName, "wcxb-articles", "html"));
            for (var i = 0; i < 89; i++)
            {
                File.WriteAllText(Path.Combine(bodies.FullName, $"b{i:000}.html.gz"), string.Empty);
            }

            // Written in reverse so the order comes from the names, not from the folder listing.
            for (var i = 199; i >= 0; i--)
            {
                File.WriteAllText(Path.Combine(wcxb.FullName, $"w{i:000}.html.gz"), string.Empty);
            }

            var pages = StartupBench.SelectPages(benchmarks.FullName);

            Assert.Equal(181, pages.Count);
            Assert.Equal(Enumerable.Range(0, 89).Select(i => $"b{i:000}.html.gz"), pages.Take(89).Select(Path.GetFileName));
            Assert.Equal(Enumerable.Range(0, 92).Select(i => $"w{i:000}.html.gz"), pages.Skip(89).Select(Path.GetFileName));
        }
        finally
        {
            benchmarks.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bench_startup_without_the_benchmark_pages_is_a_usage_error_naming_the_folder()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("bench", "startup", "--benchmarks", "/nonexistent/benchmarks");

        Assert.Equal(2, exitCode);
        Assert.Contains("/nonexistent/benchmarks", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_smartreader_baseline_of_parse_prints_one_json_line_per_page_with_its_file_and_body()
    {
        var folder = Directory.CreateTempSubdirectory("newsingest-baseline-");
        try
        {
            var html = Path.Combine(folder.FullName, "a.html");
            await File.WriteAllBytesAsync(html, SeedPage.Html);
            var gz = Path.Combine(folder.FullName, "b.html.gz");
            await using (var file = File.Create(gz))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(SeedPage.Html);
            }

            var (exitCode, output, error) = await CliProcess.RunAsync("parse", "--baseline", "smartreader", folder.FullName);

            Assert.True(exitCode == 0, error);
            var objects = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
            Assert.Equal([html, gz], objects.Select(o => (string?)o["file"] ?? string.Empty));
            Assert.All(objects, o => Assert.False(string.IsNullOrWhiteSpace((string?)o["body"])));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Parse_refuses_an_unknown_baseline()
    {
        var (exitCode, _, error) = await CliProcess.RunAsync("parse", "--baseline", "readability", "/nonexistent/page.html");

        Assert.Equal(2, exitCode);
        Assert.Contains("readability", error, StringComparison.Ordinal);
    }
}
