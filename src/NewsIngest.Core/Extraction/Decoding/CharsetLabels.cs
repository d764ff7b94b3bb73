using System.Text;

namespace NewsIngest.Core.Extraction.Decoding;

/// <summary>The WHATWG Encoding Standard label table (the labels news pages actually use), mapped to .NET encodings.</summary>
internal static class CharsetLabels
{
    /// <summary>WHATWG label → canonical name. Latin-1 and ASCII labels are windows-1252 by the standard.</summary>
    private static readonly Dictionary<string, string> Labels = BuildLabels();

    /// <summary>Resolves a charset label (case-insensitive, trimmed) to an encoding, or null when unknown.</summary>
    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var key = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (!Labels.TryGetValue(key, out var name))
        {
            return null;
        }

        if (name == "utf-16le")
        {
            // WHATWG: a meta declaration of UTF-16 means UTF-8 (the bytes were already decoded as ASCII-compatible).
            return new UTF8Encoding(false);
        }

        try
        {
            return name == "utf-8" ? new UTF8Encoding(false) : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> BuildLabels()
    {
        // The legacy code pages (windows-125x, ISO-8859-x) live in this provider on .NET; registering is idempotent.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, params string[] labels)
        {
            foreach (var label in labels)
            {
                map[label] = name;
            }
        }

        Add("utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8");
        Add("windows-1252", "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
            "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252");
        Add("iso-8859-15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9", "latin-9");
        Add("iso-8859-2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "l2", "latin2");
        Add("windows-1250", "cp1250", "windows-1250", "x-cp1250");
        Add("windows-1251", "cp1251", "windows-1251", "x-cp1251");
        Add("windows-1253", "cp1253", "windows-1253", "x-cp1253");
        Add("windows-1254", "cp1254", "windows-1254", "x-cp1254", "iso-8859-9", "iso8859-9", "iso88599", "latin5", "l5");
        Add("windows-1256", "cp1256", "windows-1256", "x-cp1256");
        Add("koi8-r", "koi8-r", "koi8_r", "koi8", "cskoi8r");
        Add("shift_jis", "shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "csshiftjis");
        Add("euc-jp", "euc-jp", "cseucpkdfmtjapanese", "x-euc-jp");
        Add("gb18030", "gb18030");
        Add("gbk", "gbk", "gb2312", "chinese", "csgb2312", "x-gbk", "gb_2312", "gb_2312-80");
        Add("big5", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        Add("euc-kr", "euc-kr", "cseuckr", "korean", "ks_c_5601-1987", "windows-949");
        Add("utf-16le", "utf-16", "utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff");
        return map;
    }
}
