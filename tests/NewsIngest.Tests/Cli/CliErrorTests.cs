using NewsIngest.Cli.Errors;
using NewsIngest.Cli.Hosting;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary>
/// Mistakes a user can make get one or two lines saying what is wrong and what to do, no stack trace, and the documented
/// exit code (README: 1 work failed, 2 usage or configuration, 3 storage unavailable). Each runs the real tool.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class CliErrorTests(AzuriteFixture azurite)
{
    private static void AssertClearError((int ExitCode, string Output, string Error) result, int exitCode, string expected)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}\n{result.Error}");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.InRange(result.Error.Trim().Split('\n').Length, 1, 2);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("UseDevelopmentStorage=false")]
    public async Task A_storage_option_that_is_no_connection_string_is_a_usage_error(string storage)
    {
        var result = await CliProcess.RunAsync("articles", "--storage", storage);

        AssertClearError(result, ExitCodes.Usage, "is not a storage connection string");
    }

    [Fact]
    public async Task Unreachable_storage_is_reported_as_unavailable_without_retrying()
    {
        var dead = AzuriteProcess.ConnectionStringFor(1, 1, 1);

        var result = await CliProcess.RunAsync("ingest", "--storage", dead, "--feed", "https://example.org/feed.xml");

        AssertClearError(result, ExitCodes.StorageUnavailable, "is not reachable");
        Assert.Contains("npm run azurite", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_whose_table_service_is_down_is_reported_before_any_work()
    {
        // As an emulator running blob storage only (azurite-blob): blobs answer, tables do not.
        var tablesDown = System.Text.RegularExpressions.Regex.Replace(azurite.ConnectionString, "TableEndpoint=[^;]+", "TableEndpoint=http://127.0.0.1:1/devstoreaccount1");

        var result = await CliProcess.RunAsync("articles", "--storage", tablesDown);

        AssertClearError(result, ExitCodes.StorageUnavailable, "The storage at http://127.0.0.1:1/devstoreaccount1");
    }

    [Fact]
    public async Task Dropping_a_missing_file_is_a_usage_error_that_names_it()
    {
        var result = await CliProcess.RunAsync("drop", "--storage", azurite.ConnectionString, "/no/such/page.html");

        AssertClearError(result, ExitCodes.Usage, "No such file or folder: /no/such/page.html");
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("drop")]
    public async Task A_folder_without_html_pages_is_a_usage_error_not_silence(string command)
    {
        var folder = Directory.CreateTempSubdirectory("nohtml").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a page");
        try
        {
            string[] arguments = command == "drop" ? [command, "--storage", azurite.ConnectionString, folder] : [command, folder];
            var result = await CliProcess.RunAsync(arguments);

            AssertClearError(result, ExitCodes.Usage, $"No HTML pages in {folder}");
            Assert.Empty(result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_date_that_is_not_one_names_the_expected_form_not_a_dotnet_type()
    {
        var result = await CliProcess.RunAsync("articles", "--storage", azurite.ConnectionString, "--since", "yesterday");

        AssertClearError(result, ExitCodes.Usage, "'yesterday' is not a date: give YYYY-MM-DD");
    }

    [Fact]
    public async Task An_invalid_configured_feed_is_named_in_the_error()
    {
        var environment = new Dictionary<string, string?> { ["NewsIngest__Feeds__0"] = "not-a-url" };

        var result = await CliProcess.RunWithAsync(environment, AppContext.BaseDirectory, "ingest", "--storage", azurite.ConnectionString);

        AssertClearError(result, ExitCodes.Usage, "NewsIngest:Feeds:0");
        Assert.Contains("'not-a-url' is not an absolute http(s) URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_is_named_with_what_it_expects()
    {
        var environment = new Dictionary<string, string?> { ["NewsIngest__Fetch__AttemptTimeout"] = "soon" };

        var result = await CliProcess.RunWithAsync(environment, AppContext.BaseDirectory, "articles", "--storage", azurite.ConnectionString);

        AssertClearError(result, ExitCodes.Usage, "NewsIngest__Fetch__AttemptTimeout = 'soon' is not a duration");
    }

    [Fact]
    public async Task An_invalid_option_value_is_a_usage_error_caught_at_start_up()
    {
        var environment = new Dictionary<string, string?> { ["NewsIngest__Cycle__Concurrency"] = "0" };

        var result = await CliProcess.RunWithAsync(environment, AppContext.BaseDirectory, "articles", "--storage", azurite.ConnectionString);

        AssertClearError(result, ExitCodes.Usage, "Invalid configuration: NewsIngest__Cycle__*:");
    }

    [Fact]
    public async Task An_unexpected_error_shows_its_stack_trace_only_with_verbose()
    {
        // A storage endpoint answering 500 to everything: nothing a user did, so it is reported as unexpected.
        await using var broken = await LocalHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var port = broken.BaseUrl.Port;
        var storage = AzuriteProcess.ConnectionStringFor(port, port, port);

        var quiet = await CliProcess.RunAsync("articles", "--storage", storage);
        var verbose = await CliProcess.RunAsync("articles", "--storage", storage, "--verbose");

        Assert.Equal(ExitCodes.WorkFailed, quiet.ExitCode);
        Assert.Contains("run again with --verbose", quiet.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quiet.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WorkFailed, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }
}
