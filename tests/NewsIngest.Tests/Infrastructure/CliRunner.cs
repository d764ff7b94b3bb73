using System.Diagnostics;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Runs the built <c>newsingest</c> tool (copied beside the tests) as a separate process, as a person would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string LastLine => Output.TrimEnd().Split('\n').Last().TrimEnd('\r');
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newsingest.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The tool falls back to AzureWebJobsStorage: the test's own --storage must be the only storage it sees.
        startInfo.Environment.Remove("AzureWebJobsStorage");
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start newsingest.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(process.ExitCode, await output, await error);
    }
}
