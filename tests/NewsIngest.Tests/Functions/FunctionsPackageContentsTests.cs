using System.Reflection;
using System.Text.Json;

namespace NewsIngest.Tests.Functions;

/// <summary>
/// The deployed app carries only what it runs: its deps.json (the list publish copies) names Core but neither the
/// evaluation project nor SmartReader. Read from the Functions build output, not the tests', which has both.
/// </summary>
public sealed class FunctionsPackageContentsTests
{
    [Fact]
    public void Functions_dependencies_contain_core_but_no_evaluation_code_and_no_smartreader()
    {
        var path = typeof(FunctionsPackageContentsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsDepsJson").Value!;
        Assert.True(File.Exists(path), $"{path} not found: the Functions project is built with the tests.");

        using var deps = JsonDocument.Parse(File.ReadAllBytes(path));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("NewsIngest.Core", libraries);
        Assert.DoesNotContain("NewsIngest.Evaluation", libraries);
        Assert.DoesNotContain(libraries, l => l.StartsWith("SmartReader", StringComparison.OrdinalIgnoreCase));
    }
}
