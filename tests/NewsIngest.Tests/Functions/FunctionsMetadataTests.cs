using System.Reflection;
using System.Text.Json.Nodes;
using NewsIngest.Core.Storage;
using NewsIngest.Functions;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Functions;

/// <summary>
/// Core Tools cannot run here, so the app is checked by construction: the functions.metadata the Worker SDK generates
/// at build time is what the host indexes, and it must name the triggers, settings and storage the code expects.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(Load);

    [Fact]
    public void FetchFeeds_is_a_timer_on_the_FeedSchedule_setting()
    {
        var binding = TriggerOf("FetchFeeds");
        Assert.Equal("timerTrigger", (string?)binding["type"]);
        Assert.Equal("%FeedSchedule%", (string?)binding["schedule"]);
    }

    [Fact]
    public void FetchPage_is_triggered_by_the_page_requests_queue_on_the_storage_connection()
    {
        var binding = TriggerOf("FetchPage");
        Assert.Equal("queueTrigger", (string?)binding["type"]);
        Assert.Equal(StorageNames.PageRequestsQueue, (string?)binding["queueName"]);
        Assert.Equal(StorageNames.Connection, (string?)binding["connection"]);
    }

    [Fact]
    public void ParsePageOnEvent_is_an_Event_Grid_blob_trigger_on_raw_pages_bound_lazily()
    {
        var binding = TriggerOf(ParsePage.OnEventName);
        Assert.Equal("blobTrigger", (string?)binding["type"]);
        Assert.Equal("raw-pages/{name}", (string?)binding["path"]);
        Assert.Equal(StorageNames.Connection, (string?)binding["connection"]);
        // The source Flex Consumption requires: the host takes BlobCreated events on /runtime/webhooks/blobs instead of scanning.
        Assert.Equal("EventGrid", (string?)binding["source"]);
        // A BlobClient is bound on demand rather than the page copied into a string or byte array.
        Assert.Equal("True", (string?)binding["properties"]?["supportsDeferredBinding"]);
    }

    [Fact]
    public void ParsePageOnScan_is_a_polling_blob_trigger_on_raw_pages_bound_lazily()
    {
        var binding = TriggerOf(ParsePage.OnScanName);
        Assert.Equal("blobTrigger", (string?)binding["type"]);
        Assert.Equal("raw-pages/{name}", (string?)binding["path"]);
        Assert.Equal(StorageNames.Connection, (string?)binding["connection"]);
        // The polling source: the one that fires on a plain upload to Azurite under func start.
        Assert.Equal("LogsAndContainerScan", (string?)binding["source"]);
        Assert.Equal("True", (string?)binding["properties"]?["supportsDeferredBinding"]);
    }

    [Fact]
    public void Both_parse_functions_run_the_one_ParsePage_handler()
    {
        var entryPoints = new[] { ParsePage.OnEventName, ParsePage.OnScanName }
            .Select(name => (string?)Metadata.Value.Single(f => (string?)f?["name"] == name)!["entryPoint"])
            .Select(entryPoint => entryPoint![..entryPoint!.LastIndexOf('.')]);
        Assert.All(entryPoints, type => Assert.Equal(typeof(ParsePage).FullName, type));
    }

    [Fact]
    public void Local_settings_example_runs_the_polling_parser_and_disables_the_Event_Grid_one()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "NewsIngest.Functions", "local.settings.example.json")))!;
        var values = example["Values"]!;
        // Azurite raises no Event Grid events, so only the container scan can pick up a page dropped locally.
        Assert.Equal("true", (string?)values[$"AzureWebJobs.{ParsePage.OnEventName}.Disabled"]);
        Assert.Equal("false", (string?)values[$"AzureWebJobs.{ParsePage.OnScanName}.Disabled"]);
    }

    [Fact]
    public void The_app_declares_exactly_the_four_functions()
    {
        var names = Metadata.Value.Select(f => (string?)f?["name"] ?? string.Empty).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["FetchFeeds", "FetchPage", ParsePage.OnEventName, ParsePage.OnScanName], names);
    }

    [Fact]
    public void The_build_output_carries_the_root_host_json()
    {
        var output = Path.GetDirectoryName(MetadataPath())!;
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
    }

    private static JsonObject TriggerOf(string function)
    {
        var entry = Metadata.Value.Single(f => (string?)f?["name"] == function)!;
        Assert.Equal("dotnet-isolated", (string?)entry["language"]);
        Assert.Equal("NewsIngest.Functions.dll", (string?)entry["scriptFile"]);
        var trigger = entry["bindings"]!.AsArray().Single(b => ((string?)b?["type"])!.EndsWith("Trigger", StringComparison.Ordinal));
        return trigger!.AsObject();
    }

    private static string MetadataPath()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", "NewsIngest.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions project must be built (the test project references it).");
        return path;
    }

    private static JsonArray Load() => JsonNode.Parse(File.ReadAllText(MetadataPath()))!.AsArray();
}
