using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using NewsIngest.Cli.Errors;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// <c>newsingest bench startup</c>: <c>newsingest parse</c> over the benchmark pages copied several times into a temporary
/// folder, as a whole process (start-up, JIT and all), against the SmartReader baseline (<see cref="SmartReaderParse"/>)
/// doing the same files as a whole process from the same binary; the two alternate and each figure is a median.
/// </summary>
internal static class StartupBench
{
    /// <summary>Environment variables that change how the runtime compiles or collects, shown since both processes inherit them.</summary>
    private static readonly string[] RuntimeKnobPrefixes = ["DOTNET_Tiered", "DOTNET_TC_", "DOTNET_ReadyToRun", "DOTNET_OSR", "DOTNET_gc", "DOTNET_GC"];

    /// <summary>The pages: every <c>article-bodies</c> page and the first 92 <c>wcxb-articles</c> pages by name, 181 in all.</summary>
    public static IReadOnlyList<string> SelectPages(string benchmarks)
    {
        var bodies = PagesIn(Path.Combine(benchmarks, "article-bodies", "html"));
        var wcxb = PagesIn(Path.Combine(benchmarks, "wcxb-articles", "html"));
        return [.. bodies, .. wcxb.Take(181 - bodies.Count)];
    }

    public static async Task<int> RunAsync(string benchmarks, int copies, int runs, CancellationToken cancellationToken)
    {
        if (copies < 1 || runs < 1)
        {
            throw CommandException.Usage("--copies and --runs must be at least 1.");
        }

        var pages = SelectPages(benchmarks);
        var tool = typeof(StartupBench).Assembly.Location;
        var folder = Directory.CreateTempSubdirectory("newsingest-startup-");
        try
        {
            var files = CopyPages(pages, copies, folder.FullName);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Bench: {pages.Count} pages × {copies} = {files} files in {folder.FullName}; {runs} runs of each, alternated, after one untimed run of each; load average {LoadAverage()}.")).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Binary: {tool} (ReadyToRun: {(IsReadyToRun(tool) ? "yes" : "no")}); {RuntimeSettings()}.").ConfigureAwait(false);

            string[] ours = ["parse", folder.FullName];
            string[] baseline = ["parse", "--baseline", SmartReaderParse.Name, folder.FullName];
            await TimeAsync(tool, ours, files, cancellationToken).ConfigureAwait(false);
            await TimeAsync(tool, baseline, files, cancellationToken).ConfigureAwait(false);
            var ourTimes = new List<(double Wall, double? Cpu)>();
            var baselineTimes = new List<(double Wall, double? Cpu)>();
            for (var run = 0; run < runs; run++)
            {
                ourTimes.Add(await TimeAsync(tool, ours, files, cancellationToken).ConfigureAwait(false));
                baselineTimes.Add(await TimeAsync(tool, baseline, files, cancellationToken).ConfigureAwait(false));
            }

            var ourMedian = Median([.. ourTimes.Select(t => t.Wall)]);
            var baselineMedian = Median([.. baselineTimes.Select(t => t.Wall)]);
            var ourCpu = ourTimes.All(t => t.Cpu is not null) ? Median([.. ourTimes.Select(t => t.Cpu!.Value)]) : (double?)null;
            var baselineCpu = baselineTimes.All(t => t.Cpu is not null) ? Median([.. baselineTimes.Select(t => t.Cpu!.Value)]) : (double?)null;
            Console.Out.WriteLine(Line("newsingest parse:      ", ourMedian, ourCpu, ourTimes));
            Console.Out.WriteLine(Line("SmartReader (baseline):", baselineMedian, baselineCpu, baselineTimes));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio:                  {ourMedian / baselineMedian:0.00} (wall){(ourCpu / baselineCpu is { } cpuRatio ? string.Create(CultureInfo.InvariantCulture, $", {cpuRatio:0.00} (CPU)") : string.Empty)}; load average now {LoadAverage()}"));
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                files,
                runs,
                oursSeconds = Math.Round(ourMedian, 2),
                baselineSeconds = Math.Round(baselineMedian, 2),
                ratio = Math.Round(ourMedian / baselineMedian, 2),
                oursCpuSeconds = ourCpu is { } oc ? Math.Round(oc, 2) : (double?)null,
                baselineCpuSeconds = baselineCpu is { } bc ? Math.Round(bc, 2) : (double?)null,
                readyToRun = IsReadyToRun(tool),
                loadAverage = LoadAverage(),
            }));
            return ExitCodes.Ok;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<string> PagesIn(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw CommandException.Usage($"No benchmark pages in {folder}: pass --benchmarks with the folder holding article-bodies and wcxb-articles.");
        }

        return [.. Directory.EnumerateFiles(folder, "*.html.gz").Order(StringComparer.Ordinal)];
    }

    private static int CopyPages(IReadOnlyList<string> pages, int copies, string folder)
    {
        var files = 0;
        for (var copy = 1; copy <= copies; copy++)
        {
            foreach (var page in pages)
            {
                var dataset = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(page)));
                File.Copy(page, Path.Combine(folder, $"{copy}-{dataset}-{Path.GetFileName(page)}"));
                files++;
            }
        }

        return files;
    }

    /// <summary>
    /// Seconds from start to exit of one process of the tool, and the CPU seconds it used (where the OS tells); its JSON lines
    /// are counted, so a run that fails is not a figure.
    /// </summary>
    private static async Task<(double Wall, double? Cpu)> TimeAsync(string tool, string[] arguments, int files, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var cpuBefore = ChildrenCpuSeconds();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var lines = 0;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            lines++;
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var stderr = await errors.ConfigureAwait(false);
        if (lines != files)
        {
            throw new CommandException(ExitCodes.WorkFailed, $"'newsingest {string.Join(' ', arguments)}' wrote {lines} lines for {files} files (exit {process.ExitCode}): {stderr.Split('\n', 2)[0]}");
        }

        return (seconds, ChildrenCpuSeconds() - cpuBefore);
    }

    /// <summary>
    /// User and system CPU seconds of this process's children that have ended (Linux: /proc/self/stat cutime + cstime, in
    /// clock ticks of 1/100 s). On a shared machine the wall time includes waiting for a core; the CPU time does not.
    /// </summary>
    private static double? ChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The dotnet host this process runs under (<c>dotnet newsingest.dll</c>), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static string RuntimeSettings()
    {
        static string Switch(string name) => AppContext.GetData(name)?.ToString() ?? "default";
        var overrides = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(name => RuntimeKnobPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).Order(StringComparer.Ordinal)
            .Select(name => $"{name}={Environment.GetEnvironmentVariable(name)}").ToList();
        return $"runtimeconfig: TieredCompilation {Switch("System.Runtime.TieredCompilation")}, QuickJitForLoops {Switch("System.Runtime.TieredCompilation.QuickJitForLoops")}, TieredPGO {Switch("System.Runtime.TieredPGO")}, ServerGC {Switch("System.GC.Server")}"
            + (overrides.Count > 0 ? $"; environment (inherited by both processes): {string.Join(' ', overrides)}" : string.Empty);
    }

    private static string Line(string label, double wallMedian, double? cpuMedian, List<(double Wall, double? Cpu)> times) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{label} median {wallMedian:0.00} s wall{(cpuMedian is { } cpu ? string.Create(CultureInfo.InvariantCulture, $", {cpu:0.00} s CPU") : string.Empty)} (runs: {string.Join(", ", times.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Wall:0.00}/{t.Cpu:0.00}")))})");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
