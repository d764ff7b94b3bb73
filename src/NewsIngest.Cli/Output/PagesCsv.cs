using System.Globalization;
using NewsIngest.Evaluation;

namespace NewsIngest.Cli.Output;

/// <summary>The <c>eval --pages-csv</c> file: one row per dataset and page, both extractors' precision, recall and F1.</summary>
internal sealed class PagesCsv : IDisposable
{
    private readonly StreamWriter _writer;
    private bool _headerWritten;

    public PagesCsv(FileInfo file) => _writer = new StreamWriter(file.FullName);

    public void Write(string dataset, EvaluationResult ours, EvaluationResult theirs)
    {
        if (!_headerWritten)
        {
            _writer.WriteLine($"dataset,id,{ours.Extractor}_precision,{ours.Extractor}_recall,{ours.Extractor}_f1,{theirs.Extractor}_precision,{theirs.Extractor}_recall,{theirs.Extractor}_f1");
            _headerWritten = true;
        }

        var other = theirs.Pages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var c = CultureInfo.InvariantCulture;
        foreach (var page in ours.Pages)
        {
            var us = page.Score;
            var them = other[page.Id].Score;
            _writer.WriteLine(string.Create(c, $"{Field(dataset)},{Field(page.Id)},{us.Precision:F4},{us.Recall:F4},{us.F1:F4},{them.Precision:F4},{them.Recall:F4},{them.F1:F4}"));
        }
    }

    public void Dispose() => _writer.Dispose();

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
