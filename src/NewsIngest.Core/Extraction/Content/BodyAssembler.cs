using System.Text;
using NewsIngest.Core.Extraction.Cleaning;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Post-processing of the chosen blocks: short-line filters, link-only lines, duplicates, trailing headings, and
/// the credit line lifted out into <c>source</c>. Joins what is left with blank lines.
/// </summary>
internal static class BodyAssembler
{
    /// <summary>A short block whose text is mostly link text is a promo or navigation line (trafilatura: 0.8 link share, short elements).</summary>
    private const double LinkLineShare = 0.8;

    /// <summary>Length under which a mostly-link block is dropped (longer ones are real paragraphs with links).</summary>
    private const int LinkLineMaxChars = 200;

    /// <summary>A line this short that parses as a date ("23 Nov 2017", "11/05/2017 13:47") is a timestamp, not prose.</summary>
    private const int DateLineMaxChars = 40;

    private const int DateLineMaxWords = 6;

    private static readonly char[] LabelPunctuation = [' ', ':', '.', '|', '›', '»', '>', '-', '–', '•', '\u00A0'];

    /// <summary>The labels looked up by span, so trimming a short line allocates nothing.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Labels = LineVocabulary.Labels.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A caption ending in a photo credit "(… / AP)" is at most a few sentences.</summary>
    private const int CaptionCreditMaxChars = 300;

    /// <summary>A recirculation heading is a short label.</summary>
    private const int RecirculationHeadingMaxChars = 60;

    /// <summary>Teaser titles under such a heading are short (a headline, at most a one-line dek).</summary>
    private const int TeaserMaxChars = 300;

    /// <summary>How many final blocks are searched for the credit line ("at the end of the article").</summary>
    private const int SourceTailBlocks = 3;

    /// <summary>A credit line longer than this is prose, not a credit.</summary>
    private const int SourceMaxChars = 160;

    /// <summary>Blocks shorter than this are not checked for duplication (short labels repeat legitimately).</summary>
    private const int DedupMinChars = 100;

    public static (string? Body, string? Source) Assemble(List<TextBlock> blocks, IReadOnlyList<TextBlock> following)
    {
        var kept = new List<TextBlock>(blocks.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (IsBoilerplateLine(block))
            {
                continue;
            }

            if (block.Text.Length >= DedupMinChars && !seen.Add(block.Text))
            {
                continue;
            }

            kept.Add(block);
        }

        var source = TakeSource(kept) ?? FindSource(following);
        CutRecirculationTail(kept);
        TrimTail(kept);
        if (kept.Count == 0)
        {
            return (null, source);
        }

        var body = new StringBuilder();
        foreach (var block in kept)
        {
            if (body.Length > 0)
            {
                body.Append("\n\n");
            }

            body.Append(block.Text);
        }

        var text = body.ToString();
        return (text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC), source);
    }

    internal static bool IsBoilerplateLine(TextBlock block)
    {
        var text = block.Text;
        if (text.Length <= LineVocabulary.MaxLabelChars && Labels.Contains(text.AsSpan().Trim(LabelPunctuation)))
        {
            return true;
        }

        if (block.LinkDensity > LinkLineShare && text.Length < LinkLineMaxChars)
        {
            return true;
        }

        if (text.Length <= DateLineMaxChars && Metadata.DateText.ParseVisible(text, english: false, TimeSpan.Zero) is not null
            && WordCount(text) <= DateLineMaxWords)
        {
            return true;
        }

        if (text.Length <= CaptionCreditMaxChars && text[^1] == ')' && LineVocabulary.CaptionCredit().IsMatch(text))
        {
            return true;
        }

        foreach (var rule in LineVocabulary.Rules)
        {
            if (rule.Matches(text))
            {
                return true;
            }
        }

        return false;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Removes and returns the credit line among the last blocks, if any.</summary>
    private static string? TakeSource(List<TextBlock> blocks)
    {
        for (var i = blocks.Count - 1; i >= 0 && i >= blocks.Count - SourceTailBlocks; i--)
        {
            var value = SourceValue(blocks[i].Text);
            if (value is not null)
            {
                blocks.RemoveAt(i);
                return value;
            }
        }

        return null;
    }

    private static string? FindSource(IReadOnlyList<TextBlock> following)
    {
        foreach (var block in following)
        {
            var value = SourceValue(block.Text);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }

    internal static string? SourceValue(string text)
    {
        if (text.Length > SourceMaxChars)
        {
            return null;
        }

        var match = LineVocabulary.SourceLine().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value.Trim().TrimEnd('.').Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// The story ends where a recirculation list starts: a "More stories"/"À lire aussi" heading in the second half of
    /// the body followed only by short lines (teaser titles) is cut with everything after it.
    /// </summary>
    private static void CutRecirculationTail(List<TextBlock> blocks)
    {
        for (var i = blocks.Count / 2; i < blocks.Count; i++)
        {
            if (blocks[i].Length > RecirculationHeadingMaxChars || !LineVocabulary.RecirculationHeading().IsMatch(blocks[i].Text))
            {
                continue;
            }

            var rest = true;
            for (var j = i + 1; j < blocks.Count && rest; j++)
            {
                rest = blocks[j].Length <= TeaserMaxChars;
            }

            if (rest)
            {
                blocks.RemoveRange(i, blocks.Count - i);
                return;
            }
        }
    }

    private static void TrimTail(List<TextBlock> blocks)
    {
        while (blocks.Count > 0 && (blocks[^1].IsHeading || blocks[^1].LinkDensity > LinkLineShare))
        {
            blocks.RemoveAt(blocks.Count - 1);
        }
    }
}
