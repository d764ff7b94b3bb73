using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NewsIngest.Tests.Infra;

/// <summary>The Bicep compiler restored from the Azure.Bicep.CommandLine.linux-x64 package, and the infra/ folder it runs on.</summary>
public static class BicepCli
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Absolute path of the bicep executable, written into the test assembly by the csproj.</summary>
    public static string ExecutablePath { get; } = Metadata("BicepPath");

    /// <summary>Absolute path of the repository root (azure.yaml).</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>Absolute path of the repository's infra/ folder.</summary>
    public static string InfraDirectory { get; } = Path.Combine(RepositoryRoot, "infra");

    /// <summary>The compiler ships for Linux x64 only; elsewhere the infra tests are skipped.</summary>
    public static bool IsSupportedPlatform { get; } =
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    /// <summary>Runs bicep with the given arguments and returns its exit code and both output streams.</summary>
    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        EnsureExecutable();
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(CommandTimeout);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    // NuGet extracts package files without guaranteeing the executable bit; put it back if missing.
    private static void EnsureExecutable()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                "The Bicep compiler is missing: restore tests/NewsIngest.Tests (package Azure.Bicep.CommandLine.linux-x64).",
                ExecutablePath);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(ExecutablePath);
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(ExecutablePath, mode | executable);
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing: see the Infra item group of NewsIngest.Tests.csproj.");
}

/// <summary>What one bicep command returned.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the command succeeded and printed no diagnostic at all (no error, no warning, no info).</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    public override string ToString() => $"exit code {ExitCode}\n{StandardError}\n{StandardOutput}";
}
