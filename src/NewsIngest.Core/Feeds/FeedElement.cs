using System.Text;
using System.Xml;

namespace NewsIngest.Core.Feeds;

/// <summary>
/// One feed entry (an RSS item, an Atom entry, a sitemap url) read from the stream: its attributes, its text, and its
/// children a few levels down. Deeper markup only adds its text, so an entry costs memory in its own size, never the feed's.
/// </summary>
internal sealed class FeedElement
{
    private readonly List<(string LocalName, string Namespace, string Value)> _attributes = [];
    private readonly List<FeedElement> _children = [];
    private readonly StringBuilder? _text;

    private FeedElement(string localName, bool keepText)
    {
        LocalName = localName;
        _text = keepText ? new StringBuilder() : null;
    }

    public string LocalName { get; }

    /// <summary>All the text inside the element, as <c>XElement.Value</c> gives it.</summary>
    public string Value => _text?.ToString() ?? string.Empty;

    /// <summary>
    /// Reads the element the reader is on, through its end tag. Children are kept <paramref name="keepLevels"/> levels down;
    /// every element met, however deep, goes through <paramref name="checkDepth"/> first. The entry itself keeps no text:
    /// nothing reads it, and an entry's text can be most of the feed.
    /// </summary>
    public static FeedElement Read(XmlReader reader, int keepLevels, Action<XmlReader> checkDepth) => Read(reader, keepLevels, keepText: false, checkDepth);

    public FeedElement? Child(string localName) => _children.FirstOrDefault(c => c.LocalName == localName);

    public IEnumerable<FeedElement> Children(string localName) => _children.Where(c => c.LocalName == localName);

    /// <summary>The value of the child named <paramref name="localName"/>, or null when there is none.</summary>
    public string? ChildValue(string localName) => Child(localName)?.Value;

    /// <summary>The attribute's value (no namespace unless one is given), or null when there is none.</summary>
    public string? Attribute(string localName, string namespaceUri = "")
    {
        foreach (var (name, ns, value) in _attributes)
        {
            if (name == localName && ns == namespaceUri)
            {
                return value;
            }
        }

        return null;
    }

    private static FeedElement Read(XmlReader reader, int keepLevels, bool keepText, Action<XmlReader> checkDepth)
    {
        var element = new FeedElement(reader.LocalName, keepText);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                element._attributes.Add((reader.LocalName, reader.NamespaceURI, reader.Value));
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        if (reader.IsEmptyElement)
        {
            return element;
        }

        // Iterative below the kept levels: recursion is bounded by keepLevels, whatever the nesting of the markup.
        var depth = reader.Depth;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    checkDepth(reader);
                    if (keepLevels > 0)
                    {
                        var child = Read(reader, keepLevels - 1, keepText: true, checkDepth);
                        element._children.Add(child);
                        element._text?.Append(child._text);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    element._text?.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return element;
            }
        }

        throw new XmlException($"The element <{element.LocalName}> is not closed.");
    }
}
