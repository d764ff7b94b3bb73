using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace NewsIngest.Cli.Errors;

/// <summary>
/// Turns what options binding and validation throw into a sentence naming the setting, as the user wrote it
/// (<c>NewsIngest__Fetch__AttemptTimeout</c>), and what it expects, with no .NET type names.
/// </summary>
internal static partial class ConfigurationErrors
{
    /// <summary>The usage error for an exception of the start-up validation, or null when it is not a configuration error.</summary>
    public static CommandException? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var messages = new List<string>();
        foreach (var inner in exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception])
        {
            switch (inner)
            {
                case OptionsValidationException invalid:
                    messages.AddRange(invalid.Failures.Select(failure => $"{SettingsOf(invalid.OptionsType)}: {failure}"));
                    break;
                case InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match:
                    messages.Add($"Setting {EnvironmentName(match.Groups["path"].Value)} = '{match.Groups["value"].Value}' is not {Expected(match.Groups["type"].Value)}.");
                    break;
                default:
                    return null;
            }
        }

        return CommandException.Usage($"Invalid configuration: {string.Join(" ", messages.Distinct())} Fix the environment variable (or remove it to use the default).");
    }

    /// <summary>The settings an options class binds, as environment variables (its <c>SectionName</c>): where to look for the bad value.</summary>
    private static string SettingsOf(Type optionsType) =>
        optionsType.GetField("SectionName")?.GetValue(null) is string section ? EnvironmentName(section) + "__*" : optionsType.Name;

    private static string EnvironmentName(string path) => path.Replace(":", "__", StringComparison.Ordinal);

    private static string Expected(string type) => type switch
    {
        "System.Uri" => "a URL",
        "System.TimeSpan" => "a duration such as 00:00:20",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        _ => "a valid value",
    };

    [GeneratedRegex(@"Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();
}
