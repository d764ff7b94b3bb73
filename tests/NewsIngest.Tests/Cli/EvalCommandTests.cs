using NewsIngest.Cli.Commands;
using NewsIngest.Tests.Evaluation;
using NewsIngest.Tests.Extraction;

namespace NewsIngest.Tests.Cli;

/// <summary><c>newsingest eval</c>: several datasets on one command line, each scored with its own metric.</summary>
public sealed class EvalCommandTests
{
    private static readonly string[] WithSnippets = ["le budget primitif"];
    private static readonly string[] WithoutSnippets = ["Accueil"];

    [Fact]
    public void Repeated_dataset_options_bind_as_folders_in_command_line_order()
    {
        var result = EvalCommand.Create().Parse(["--dataset", "bench/article-bodies", "--dataset", "bench/wcxb-articles", "--timing", "--pages-csv", "pages.csv"]);
        Assert.Empty(result.Errors);
        var folders = result.GetValue<DirectoryInfo[]>("--dataset") ?? [];
        Assert.Equal(["article-bodies", "wcxb-articles"], folders.Select(f => f.Name));
        Assert.True(result.GetValue<bool>("--timing"));
        Assert.Equal("pages.csv", result.GetValue<FileInfo?>("--pages-csv")?.Name);
    }

    [Fact]
    public void One_dataset_option_takes_exactly_one_folder()
    {
        var result = EvalCommand.Create().Parse(["--dataset", "first", "second"]);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Eval_without_a_dataset_is_a_parse_error()
    {
        Assert.NotEmpty(EvalCommand.Create().Parse([]).Errors);
    }

    [Fact]
    public async Task Eval_scores_each_dataset_with_its_own_metric_and_writes_one_csv_row_per_dataset_and_page()
    {
        var body = string.Join("\n\n", PageBuilder.Paragraphs.Split("</p>", StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace("<p>", string.Empty, StringComparison.Ordinal)));
        using var plain = new BenchmarkFolder("plain-set").Add("a1", PageBuilder.Article(), new { articleBody = body, url = "https://example.org/a1" });
        using var snippets = new BenchmarkFolder("snippet-set").Add("b1", PageBuilder.Article(), new { articleBody = body, with = WithSnippets, without = WithoutSnippets });
        var csv = Path.Combine(Path.GetDirectoryName(plain.Path)!, "pages.csv");

        var (exitCode, output, error) = await CliProcess.RunAsync("eval", "--dataset", plain.Path, "--dataset", snippets.Path, "--pages-csv", csv);

        Assert.True(exitCode == 0, error);
        var plainPart = output[..output.IndexOf("== snippet-set", StringComparison.Ordinal)];
        var snippetPart = output[output.IndexOf("== snippet-set", StringComparison.Ordinal)..];
        Assert.Contains("metric: 4-word-shingle F1", plainPart, StringComparison.Ordinal);
        Assert.DoesNotContain("snippets right", plainPart, StringComparison.Ordinal);
        Assert.Contains("metric: word-multiset F1", snippetPart, StringComparison.Ordinal);
        Assert.Contains("snippets right", snippetPart, StringComparison.Ordinal);
        Assert.Contains("empty bodies", snippetPart, StringComparison.Ordinal);
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.StartsWith("dataset,id,NewsIngest_precision", rows[0], StringComparison.Ordinal);
        Assert.Equal(["plain-set,a1", "snippet-set,b1"], rows.Skip(1).Select(r => string.Join(',', r.Split(',').Take(2))));
    }

    [Fact]
    public async Task Eval_names_every_missing_dataset_and_exits_2_before_scoring_any()
    {
        using var plain = new BenchmarkFolder("plain-set").Add("a1", PageBuilder.Article(), new { articleBody = "x" });
        var missing = Path.Combine(Path.GetTempPath(), "newsingest-no-such-dataset-" + Guid.NewGuid().ToString("N"));

        var (exitCode, output, error) = await CliProcess.RunAsync("eval", "--dataset", plain.Path, "--dataset", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.DoesNotContain("== plain-set", output, StringComparison.Ordinal);
    }
}
