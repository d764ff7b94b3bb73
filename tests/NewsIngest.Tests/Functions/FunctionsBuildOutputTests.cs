using System.Text.Json.Nodes;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Functions;

/// <summary>
/// The deployed app carries only what it runs: the WebJobs SDK host that <c>newsingest run</c> embeds stays out of the worker. The
/// worker's bindings need the host-side storage extensions, and the Worker SDK puts those, generated from the worker extension
/// packages, in <c>.azurefunctions/</c> for the Functions host to load; the SDK host itself is the Functions host's, never shipped.
/// </summary>
public sealed class FunctionsBuildOutputTests
{
    private static readonly string[] LocalHostOnly = ["Microsoft.Azure.WebJobs", "NCrontab", "NewsIngest.LocalHost"];

    [Fact]
    public void The_worker_deps_json_names_no_WebJobs_SDK_package_nor_the_local_host()
    {
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "NewsIngest.Functions.deps.json")))!;
        var libraries = deps["libraries"]!.AsObject().Select(l => l.Key).ToArray();

        Assert.Contains(libraries, l => l.StartsWith("Microsoft.Azure.Functions.Worker/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => LocalHostOnly.Any(p => l.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void The_worker_folder_holds_no_WebJobs_SDK_assembly_nor_the_local_host()
    {
        var assemblies = Directory.GetFiles(RepositoryPaths.FunctionsOutput, "*.dll").Select(Path.GetFileName).ToArray();

        Assert.Contains("NewsIngest.Functions.dll", assemblies);
        Assert.DoesNotContain(assemblies, a => LocalHostOnly.Any(p => a!.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void The_host_extension_bundle_holds_the_storage_extensions_and_neither_the_SDK_host_nor_NewsIngest_code()
    {
        var bundle = Directory.GetFiles(Path.Combine(RepositoryPaths.FunctionsOutput, ".azurefunctions"), "*.dll").Select(Path.GetFileName).ToArray();

        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Blobs.dll", bundle);
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll", bundle);
        Assert.DoesNotContain("Microsoft.Azure.WebJobs.dll", bundle);
        Assert.DoesNotContain("Microsoft.Azure.WebJobs.Host.dll", bundle);
        Assert.DoesNotContain(bundle, a => a!.StartsWith("NewsIngest.", StringComparison.Ordinal));
    }
}
