using System.CommandLine;
using Microsoft.Extensions.Options;

namespace NewsIngest.Cli.Errors;

/// <summary>
/// Runs the parsed command and turns every failure into one or two lines and a documented exit code (<see cref="ExitCodes"/>):
/// usage errors, <see cref="CommandException"/>s and invalid settings print their message only; an unexpected exception (a
/// bug) prints its message and how to see its stack trace, which <c>--verbose</c> shows.
/// </summary>
internal static class CliInvocation
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var verbose = new Option<bool>("--verbose") { Description = "Show debug logs, and the stack trace of an unexpected error.", Recursive = true };
        root.Options.Add(verbose);
        var parse = root.Parse(args);
        Verbosity.IsVerbose |= parse.GetValue(verbose);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"newsingest: {error.Message}").ConfigureAwait(false);
            }

            var command = parse.CommandResult.Command == root ? "newsingest" : $"newsingest {parse.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (CommandException ex)
        {
            return await FailAsync(ex.ExitCode, ex.Message, ex).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            return await FailAsync(ExitCodes.Usage, $"Invalid setting: {string.Join(" ", ex.Failures)}", ex).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            return await FailAsync(ExitCodes.WorkFailed, "Cancelled.", ex).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last resort of the process: whatever escaped is a bug, reported without a trace unless asked.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var hint = Verbosity.IsVerbose ? string.Empty : $" (an unexpected error: run again with --verbose or {Verbosity.EnvironmentVariable}=1 for details)";
            // The first line only: SDK exceptions append their whole response (headers, body) to the message; --verbose shows it.
            var summary = ex.Message.Split('\n', 2)[0].TrimEnd();
            return await FailAsync(ExitCodes.WorkFailed, $"{summary}{hint}", ex).ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(int exitCode, string message, Exception exception)
    {
        await Console.Error.WriteLineAsync($"newsingest: {message}").ConfigureAwait(false);
        if (Verbosity.IsVerbose)
        {
            await Console.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }

        return exitCode;
    }
}
