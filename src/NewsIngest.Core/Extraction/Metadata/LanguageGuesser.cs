namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// Last-resort language detection for pages that declare none: counts very frequent function words of each
/// candidate language in the body. Needs a clear winner; returns null otherwise.
/// </summary>
internal static class LanguageGuesser
{
    /// <summary>At least this many stop-word hits are needed to name a language (a paragraph has dozens).</summary>
    private const int MinHits = 5;

    private static readonly (string Language, HashSet<string> Words)[] StopWords =
    [
        ("fr", new(StringComparer.OrdinalIgnoreCase) { "le", "la", "les", "des", "est", "une", "dans", "pour", "qui", "que", "sur", "avec", "pas", "du", "au", "aux", "sont", "été", "mais", "leur" }),
        ("en", new(StringComparer.OrdinalIgnoreCase) { "the", "and", "is", "was", "that", "with", "for", "are", "have", "has", "this", "from", "which", "were", "been", "their", "said", "will", "would", "they" }),
        ("de", new(StringComparer.OrdinalIgnoreCase) { "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "für", "dem", "den", "ein", "eine", "auch", "wird", "sind", "von", "zu", "bei" }),
        ("es", new(StringComparer.OrdinalIgnoreCase) { "el", "los", "las", "del", "que", "por", "una", "con", "para", "como", "más", "pero", "sus", "fue", "este", "esta", "han", "sobre", "entre", "también" }),
        ("it", new(StringComparer.OrdinalIgnoreCase) { "il", "della", "che", "per", "una", "sono", "con", "non", "nel", "alla", "gli", "anche", "dei", "delle", "è", "stato", "questo", "come", "più", "degli" }),
        ("pt", new(StringComparer.OrdinalIgnoreCase) { "os", "uma", "com", "não", "para", "mais", "como", "foi", "pela", "pelo", "são", "dos", "das", "nos", "ao", "seu", "sua", "também", "está", "já" }),
        ("nl", new(StringComparer.OrdinalIgnoreCase) { "het", "een", "van", "en", "niet", "zijn", "voor", "met", "ook", "maar", "wordt", "werd", "naar", "bij", "dat", "deze", "heeft", "als", "nog", "uit" }),
    ];

    public static string? Guess(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var counts = new int[StopWords.Length];
        foreach (var word in text.Split([' ', '\n', ',', '.', ';', ':', '!', '?', '(', ')', '«', '»', '"', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            for (var l = 0; l < StopWords.Length; l++)
            {
                if (StopWords[l].Words.Contains(word))
                {
                    counts[l]++;
                }
            }
        }

        var best = 0;
        for (var l = 1; l < counts.Length; l++)
        {
            if (counts[l] > counts[best])
            {
                best = l;
            }
        }

        return counts[best] >= MinHits ? StopWords[best].Language : null;
    }
}
