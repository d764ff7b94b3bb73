using Microsoft.Extensions.Configuration;

namespace NewsIngest.LocalHost.Hosting;

/// <summary>
/// The <c>extensions</c> section of the root host.json, keyed where the WebJobs SDK binds its extension options
/// (<c>AzureWebJobs:extensions:queues</c>, <c>…:blobs</c>): the Functions host reads the same file the same way.
/// </summary>
internal static class HostJsonSettings
{
    public const string FileName = "host.json";

    private const string WebJobsExtensionsPath = "AzureWebJobs:extensions";

    /// <summary>The host.json shipped beside this assembly (a link to the repository root's, copied on build).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, FileName);

    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json not found at {path}: the local host reads its queue and blob settings from it.", path);
        }

        var extensions = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build().GetSection("extensions");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in extensions.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                settings[$"{WebJobsExtensionsPath}:{key}"] = value;
            }
        }

        return settings;
    }
}
