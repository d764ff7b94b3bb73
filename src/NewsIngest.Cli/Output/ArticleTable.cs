using System.Globalization;
using NewsIngest.Core.Storage;
using Spectre.Console;

namespace NewsIngest.Cli.Output;

/// <summary>Prints article rows as a console table.</summary>
internal static class ArticleTable
{
    public static void Write(IEnumerable<ArticleRow> rows)
    {
        if (Console.IsOutputRedirected)
        {
            // Redirected output has no terminal width; Spectre would assume 80 columns and fold every title.
            AnsiConsole.Profile.Width = 200;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Title");
        table.AddColumn("Section");
        table.AddColumn("Source");
        table.AddColumn("Published");
        table.AddColumn("Lang");
        table.AddColumn(new TableColumn("Chars").RightAligned());
        table.AddColumn("URL");
        var count = 0;
        foreach (var row in rows.OrderByDescending(r => r.Published))
        {
            count++;
            table.AddRow(
                Markup.Escape(row.Title ?? "—"),
                Markup.Escape(row.Section ?? "—"),
                Markup.Escape(row.Source ?? "—"),
                Markup.Escape(row.Published?.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) ?? "—"),
                Markup.Escape(row.Language ?? "—"),
                row.BodyLength.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Url ?? row.RawPageBlob));
        }

        table.Caption($"{count} article(s)");
        AnsiConsole.Write(table);
    }
}
