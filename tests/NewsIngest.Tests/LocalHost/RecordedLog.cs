using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NewsIngest.Tests.LocalHost;

/// <summary>Every log entry of the hosts it is given to, with its structured values, so a test can count what each host did.</summary>
internal sealed class RecordedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>The blobs <c>PageProcessor</c> parsed into an article, once per parse, across every host sharing this log.</summary>
    public IReadOnlyList<string> ParsedBlobs =>
        [.. Entries.Where(e => e.Category == "NewsIngest.Core.Pipeline.PageProcessor" && e.Message.StartsWith("Parsed ", StringComparison.Ordinal))
            .Select(e => (string)e.Values["Blob"]!)];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void Dispose()
    {
    }

    internal sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception);

    private sealed class Recorder(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            // Some SDK entries format to null (state-only events).
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception) ?? string.Empty, values, exception));
        }
    }
}
