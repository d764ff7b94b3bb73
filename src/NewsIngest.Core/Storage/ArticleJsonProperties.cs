using System.Text;
using Azure.Data.Tables;

namespace NewsIngest.Core.Storage;

/// <summary>
/// The article JSON kept in its <c>Articles</c> row: the text split over the string properties <c>Json</c>, <c>Json1</c>…
/// <c>Json3</c>, joined back byte for byte. A JSON too long for them goes to the <c>articles</c> container instead (docs/storage.md).
/// </summary>
public static class ArticleJsonProperties
{
    /// <summary>The first property; the next ones are <c>Json1</c>, <c>Json2</c>…</summary>
    public const string First = "Json";

    /// <summary>
    /// Characters per property: a table string property holds at most 64 KiB, 32,768 UTF-16 characters; a round 32,000 keeps
    /// clear of it, and a chunk never ends between the two halves of a surrogate pair, so it may hold one character less.
    /// </summary>
    public const int ChunkLength = 32_000;

    /// <summary>
    /// Properties at most, so at most 128,000 characters (256 KB as UTF-16) in the row. With every other field at its bound the
    /// row stays under 350 KB, far below the 1 MiB entity limit, and the request stays under 1 MiB even if every character
    /// were sent escaped (<c>\uXXXX</c>). The longest article of the benchmark sets (49,264 characters of body) fits 2.5 times.
    /// </summary>
    public const int MaxChunks = 4;

    private static readonly string[] Names = [.. Enumerable.Range(0, MaxChunks).Select(Name)];

    /// <summary>Every property the JSON may use, to select them alone.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The JSON split into the row's properties, or null when it needs more than <see cref="MaxChunks"/>: then the blob holds it.</summary>
    public static IReadOnlyList<string>? Split(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var chunks = new List<string>(MaxChunks);
        var start = 0;
        while (start < json.Length || chunks.Count == 0)
        {
            if (chunks.Count == MaxChunks)
            {
                return null;
            }

            var length = Math.Min(ChunkLength, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            chunks.Add(json.Substring(start, length));
            start += length;
        }

        return chunks;
    }

    /// <summary>Writes the chunks into the entity.</summary>
    public static void Write(TableEntity entity, IReadOnlyList<string> chunks)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(chunks);
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[Names[i]] = chunks[i];
        }
    }

    /// <summary>The JSON the row holds, or null when it holds none (its JSON is in the blob the row names).</summary>
    public static string? Read(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString(First) is not { } first)
        {
            return null;
        }

        var json = new StringBuilder(first);
        for (var i = 1; i < MaxChunks && entity.GetString(Names[i]) is { } next; i++)
        {
            json.Append(next);
        }

        return json.ToString();
    }

    private static string Name(int index) => index == 0 ? First : First + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
