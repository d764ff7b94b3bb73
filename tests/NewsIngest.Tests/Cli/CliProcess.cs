using System.Diagnostics;

namespace NewsIngest.Tests.Cli;

/// <summary>Runs the built <c>newsingest</c> tool as a separate process, as a user would, and captures what it prints.</summary>
internal static class CliProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RunWithAsync(new Dictionary<string, string?>(), AppContext.BaseDirectory, arguments);

    /// <summary>
    /// Runs the tool with extra environment variables (null removes one), from <paramref name="toolDirectory"/> (where
    /// <c>newsingest.dll</c> is, also the working directory): a copy outside the repository runs as an installed tool.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithAsync(IReadOnlyDictionary<string, string?> environment, string toolDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = toolDirectory,
        };
        info.ArgumentList.Add(Path.Combine(toolDirectory, "newsingest.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The tool must use the storage it is given, never one inherited from the developer's environment.
        info.Environment.Remove("AzureWebJobsStorage");
        info.Environment.Remove("NEWSINGEST_VERBOSE");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
