using NewsIngest.Core.Pipeline;
using Spectre.Console;

namespace NewsIngest.Cli.Output;

/// <summary>
/// The reparse progress bar, drawn on standard error so standard output keeps only the summary line. Drawn only when
/// stderr is a terminal: a redirected log would fill with redraws.
/// </summary>
internal static class ReparseProgress
{
    public static async Task<ReparseSummary> RunAsync(Func<CancellationToken, Task<long>> count, Func<IProgress<ParseOutcome>?, CancellationToken, Task<ReparseSummary>> run, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected)
        {
            return await run(null, cancellationToken).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var total = await count(cancellationToken).ConfigureAwait(false);
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Reparsing {total} page(s)", maxValue: Math.Max(total, 1));
                var summary = await run(new Callback(_ => task.Increment(1)), cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return summary;
            }).ConfigureAwait(false);
    }

    private sealed class Callback(Action<ParseOutcome> report) : IProgress<ParseOutcome>
    {
        public void Report(ParseOutcome value) => report(value);
    }
}
