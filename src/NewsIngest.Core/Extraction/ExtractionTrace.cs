using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction;

/// <summary>
/// Developer diagnostics: with NEWSINGEST_TRACE=1 in the environment, prints the chosen content node's ancestry and
/// the large excluded subtrees to stderr (for working on benchmark pages). Off by default; read once.
/// </summary>
internal static class ExtractionTrace
{
    /// <summary>Excluded subtrees with less raw text than this are not listed.</summary>
    private const int MinListedText = 300;

    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NEWSINGEST_TRACE") == "1";

    public static void Write(DomIndex index, int node, int blocks, int selected)
    {
        if (!Enabled)
        {
            return;
        }

        for (var t = node; t >= 0; t = index.Parent[t])
        {
            Console.Error.WriteLine($"node {Describe(index, t)}");
        }

        Console.Error.WriteLine($"blocks={blocks} selected={selected} elements={index.Count}");
        for (var t = 0; t < index.Count; t++)
        {
            if (index.RawText[t] > MinListedText && (index.State[t] & (ElementState.SelfBoilerplate | ElementState.Hidden | ElementState.LinkDense)) != 0)
            {
                Console.Error.WriteLine($"excluded {Describe(index, t)}");
            }
        }
    }

    private static string Describe(DomIndex index, int t) =>
        $"{t} <{index.Elements[t].LocalName} class='{index.Elements[t].GetAttribute("class")}' id='{index.Elements[t].Id}'> text={index.Text[t]} raw={index.RawText[t]} state={index.State[t]} tokens={index.Tokens[t]}";
}
