using System.Reflection;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding NewsIngest.sln) from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Functions app's build output (built because the test project references it), in the tests' configuration.</summary>
    public static string FunctionsOutput
    {
        get
        {
            var configuration = typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(Root, "src", "NewsIngest.Functions", "bin", configuration, "net10.0");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsIngest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the NewsIngest repository.");
    }
}
