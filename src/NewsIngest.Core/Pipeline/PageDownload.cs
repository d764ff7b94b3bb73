using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// One page of a request, done: its <paramref name="Outcome"/>, the page itself when this call stored it (<paramref name="Stored"/>,
/// still to be parsed unless <paramref name="Parse"/> is set), and the parse's outcome when the downloader parsed the page: one it
/// just stored (the queue trigger's path), or one an earlier run left unparsed (<paramref name="Parse"/>).
/// </summary>
public sealed record PageDownload(DownloadOutcome Outcome, RawPage? Stored = null, ParseOutcome? Parse = null);
