using Microsoft.Azure.WebJobs;
using NewsIngest.LocalHost.Triggers;

namespace NewsIngest.LocalHost.Hosting;

/// <summary>
/// The function classes the SDK indexes: named, rather than found by scanning the loaded assemblies, so the host runs the same three
/// functions whichever process loads it (the CLI, a test runner).
/// </summary>
internal sealed class TriggerTypes : ITypeLocator
{
    public static IReadOnlyList<Type> All { get; } = [typeof(FetchFeeds), typeof(FetchPage), typeof(ParsePage)];

    public IReadOnlyList<Type> GetTypes() => All;
}
