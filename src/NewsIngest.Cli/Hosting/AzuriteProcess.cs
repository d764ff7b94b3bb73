using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsIngest.Cli.Hosting;

/// <summary>
/// A local Azurite (blob, queue and table emulator) started from the repository's <c>node_modules</c>, on loopback, for
/// tests and the offline demo. In memory by default: disposing it stops it and its data is gone. Given a folder, it keeps
/// its data there, so a test can stop it and start it again on the same ports and find everything written before.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>
    /// Azurite's fixed development account key, published in its documentation: a well-known value, not a secret,
    /// and accepted only by the local emulator.
    /// </summary>
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>The connection string of an Azurite listening on 127.0.0.1 at the given ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;");

    /// <summary>The <c>azurite</c> launcher installed by <c>npm ci</c> in the nearest folder at or above <paramref name="start"/>.</summary>
    public static string? FindExecutable(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Starts Azurite; port 0 picks free ports. <paramref name="location"/>: a folder to keep the data in, instead of
    /// memory. <paramref name="skipApiVersionCheck"/>: accept any storage API version, as <c>npm run azurite</c> does; off
    /// by default, so the tests prove the clients' pinned version works with an Azurite started as people usually start it.
    /// Returns once all three services listen.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string executable, int blobPort = 0, int queuePort = 0, int tablePort = 0, string? location = null, bool skipApiVersionCheck = false, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        string[] versionCheck = skipApiVersionCheck ? ["--skipApiVersionCheck"] : [];
        foreach (var argument in persistence.Concat(versionCheck).Concat(
                 [
                     "--loose", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
                 ]))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Azurite's output is kept only until it is ready, for the message should it fail to start: kept for its whole life, it
        // grew with every request it logged (40 MB of a 10,000-feed `bench feeds`).
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("Azurite exited before it was ready:\n" + output));
                return;
            }

            lock (ports)
            {
                if (ready.Task.IsCompleted)
                {
                    return;
                }

                output.AppendLine(e.Data);
                var match = ListeningLine().Match(e.Data);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (ports)
                {
                    if (!ready.Task.IsCompleted)
                    {
                        output.AppendLine(e.Data);
                    }
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            KillQuietly(process);
            process.Dispose();
            throw;
        }

        return new AzuriteProcess(process, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    /// <summary>
    /// Stops Azurite as an outage would, without losing what it acknowledged: SIGTERM lets it save its metadata
    /// (it saves every 5 s otherwise), where a kill could drop the last seconds of writes. Killed if it does not exit in time.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || !await SignalTerminateAsync(_process.Id).ConfigureAwait(false))
        {
            KillQuietly(_process);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            KillQuietly(_process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillQuietly(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Sends SIGTERM through the system's <c>kill</c>; false when there is no such program to run.</summary>
    private static async Task<bool> SignalTerminateAsync(int processId)
    {
        try
        {
            using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            if (signal is null)
            {
                return false;
            }

            await signal.WaitForExitAsync().ConfigureAwait(false);
            return signal.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
