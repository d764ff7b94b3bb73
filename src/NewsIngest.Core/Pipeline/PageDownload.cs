using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// One page of a request, done: its <paramref name="Outcome"/>, the page itself when this call stored it (<paramref name="Stored"/>,
/// still to be parsed), and the parse's outcome when the downloader parsed a page an earlier run left unparsed (<paramref name="Parse"/>).
/// </summary>
public sealed record PageDownload(DownloadOutcome Outcome, RawPage? Stored = null, ParseOutcome? Parse = null);
