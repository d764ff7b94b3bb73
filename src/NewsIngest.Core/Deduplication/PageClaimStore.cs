using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Storage;
using NewsIngest.Core.Urls;

namespace NewsIngest.Core.Deduplication;

/// <summary>
/// The <c>PageClaims</c> table: each canonical article URL is claimed once, with an insert that fails (409) when the row
/// exists, so two overlapping feed polls can never both enqueue the same article. Partition: the host; row: the SHA-256
/// of the canonical URL, the same hash that names the raw page. A claim holds a lease (<see cref="ClaimOptions.Lease"/>): a poll
/// that meets it past its lease with no stored and parsed page takes it over, so a claim whose message was lost is enqueued again.
/// </summary>
public sealed class PageClaimStore(StorageClients storage, RawPageStore rawPages, ParseRecords parseRecords, IOptions<ClaimOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>The table service's limit of operations in one transaction.</summary>
    private const int TransactionLimit = 100;

    /// <summary>Below this many URLs of one host a transaction saves too little to risk the wasted request.</summary>
    private const int MinTransaction = 10;

    /// <summary>When the URLs are likely new (a feed never read before), two already make a transaction worth its risk.</summary>
    private const int MinLikelyNewTransaction = 2;

    private readonly TableClient _table = storage.Account.Tables.GetTableClient(StorageNames.PageClaimsTable);
    private readonly TableCreation _creation = new(storage.Account.Tables.GetTableClient(StorageNames.PageClaimsTable));

    public void Dispose() => _creation.Dispose();

    /// <summary>
    /// True when this caller now owns the URL and must enqueue it (a new claim, or one taken over past its lease); false when
    /// another run holds it or its page is finished.
    /// </summary>
    public async Task<bool> TryClaimAsync(Uri url, Uri? feedUrl, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await ClaimAsync(Keys(url), feedUrl, cancellationToken).ConfigureAwait(false) is Attempt.Claimed or Attempt.TakenOver;
    }

    private async Task<Attempt> ClaimAsync((string Partition, string Row, Uri Canonical) key, Uri? feedUrl, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(NewClaim(key.Partition, key.Row, key.Canonical, feedUrl), cancellationToken).ConfigureAwait(false);
            return Attempt.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await TryTakeOverAsync(key.Partition, key.Row, key.Canonical, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Claims many URLs, returning those this caller now owns. URLs of one host share a partition, so they are first tried as
    /// table transactions of up to 100 inserts: a feed read for the first time, or a sitemap of thousands of new URLs, claims
    /// in a few requests. A transaction fails whole if any row exists (the usual case for a feed read before), and that chunk
    /// falls back to one insert per URL: one wasted request per 100 items, against 99 saved when they are new. A URL already
    /// claimed is taken over when its lease ran out with no stored and parsed page (<see cref="ClaimResults.TakenOver"/>).
    /// </summary>
    public Task<ClaimResults> TryClaimManyAsync(IReadOnlyList<Uri> urls, Uri? feedUrl, CancellationToken cancellationToken) =>
        TryClaimManyAsync(urls, feedUrl, likelyNew: false, cancellationToken);

    /// <summary>
    /// As <see cref="TryClaimManyAsync(IReadOnlyList{Uri}, Uri?, CancellationToken)"/>; with <paramref name="likelyNew"/> (the
    /// URLs of a feed never read before) a host's URLs go in one transaction from two of them on, not ten: a first read of 10,000
    /// feeds of five items costs one claim request per feed instead of five.
    /// </summary>
    public async Task<ClaimResults> TryClaimManyAsync(IReadOnlyList<Uri> urls, Uri? feedUrl, bool likelyNew, CancellationToken cancellationToken)
    {
        var minTransaction = likelyNew ? MinLikelyNewTransaction : MinTransaction;
        ArgumentNullException.ThrowIfNull(urls);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new System.Collections.Concurrent.ConcurrentBag<Uri>();
        var takenOver = new System.Collections.Concurrent.ConcurrentBag<Uri>();
        var held = 0;
        var chunks = urls.Select(Keys).GroupBy(k => k.Partition).SelectMany(partition => partition.Chunk(TransactionLimit));
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            if (chunk.Length >= minTransaction && await TryAddAllAsync(chunk, feedUrl, ct).ConfigureAwait(false))
            {
                foreach (var key in chunk)
                {
                    claimed.Add(key.Canonical);
                }

                return;
            }

            foreach (var key in chunk)
            {
                switch (await ClaimAsync(key, feedUrl, ct).ConfigureAwait(false))
                {
                    case Attempt.Claimed:
                        claimed.Add(key.Canonical);
                        break;
                    case Attempt.TakenOver:
                        takenOver.Add(key.Canonical);
                        break;
                    case Attempt.Held:
                        Interlocked.Increment(ref held);
                        break;
                }
            }
        }).ConfigureAwait(false);
        return new ClaimResults([.. claimed], [.. takenOver], held);
    }

    /// <summary>Gives a claim back when its message could not be enqueued, so the next poll claims it again.</summary>
    public async Task ReleaseAsync(Uri url, CancellationToken cancellationToken)
    {
        var (partition, row, _) = Keys(url);
        try
        {
            await _table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already given back (by the enqueue that failed, then by its caller): releasing is idempotent.
        }
    }

    /// <summary>Records what became of a claimed URL; creates the row for pages that arrive without a claim (old messages).</summary>
    public async Task MarkAsync(Uri url, ClaimState state, string? error, int attempts, CancellationToken cancellationToken)
    {
        var (partition, row, canonical) = Keys(url);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(partition, row)
        {
            ["Url"] = canonical.AbsoluteUri,
            ["State"] = state.ToString(),
            ["Attempts"] = attempts,
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        if (error is not null)
        {
            entity["LastError"] = error;
        }

        if (state == ClaimState.Queued)
        {
            // A requeued claim vouches for its new message: its lease starts again.
            entity["ClaimedAt"] = time.GetUtcNow();
            entity["LeaseUntil"] = time.GetUtcNow() + options.Value.Lease;
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PageClaim?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var (partition, row, _) = Keys(url);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToClaim(response.Value!) : null;
    }

    /// <summary>Every claim in one state, e.g. the poisoned ones.</summary>
    public async IAsyncEnumerable<PageClaim> ListAsync(ClaimState state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"State eq {state.ToString()}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToClaim(entity);
        }
    }

    private async Task<bool> TryAddAllAsync((string Partition, string Row, Uri Canonical)[] chunk, Uri? feedUrl, CancellationToken cancellationToken)
    {
        var actions = chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Add, NewClaim(key.Partition, key.Row, key.Canonical, feedUrl)));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private TableEntity NewClaim(string partition, string row, Uri canonical, Uri? feedUrl) => new(partition, row)
    {
        ["Url"] = canonical.AbsoluteUri,
        ["FeedUrl"] = feedUrl?.AbsoluteUri,
        ["State"] = nameof(ClaimState.Queued),
        ["ClaimedAt"] = time.GetUtcNow(),
        ["LeaseUntil"] = time.GetUtcNow() + options.Value.Lease,
        ["Attempts"] = 0,
    };

    /// <summary>
    /// Decides about a URL claimed before: another run's claim within its lease is held; a claim past its lease whose page is
    /// stored and parsed is marked <see cref="ClaimState.Done"/>; one whose page is missing or unparsed lost its message and is
    /// taken over, conditionally on the row's ETag, so of two polls meeting it at once exactly one enqueues it again.
    /// </summary>
    private async Task<Attempt> TryTakeOverAsync(string partition, string row, Uri canonical, CancellationToken cancellationToken)
    {
        var existing = (await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (existing is null)
        {
            return Attempt.Held; // given back by a failed enqueue just now: the next poll claims it afresh
        }

        if (existing.GetString("State") != nameof(ClaimState.Queued))
        {
            return Attempt.Finished;
        }

        var now = time.GetUtcNow();
        var leaseUntil = existing.GetDateTimeOffset("LeaseUntil") ?? (existing.GetDateTimeOffset("ClaimedAt") ?? existing.Timestamp ?? now) + options.Value.Lease;
        if (now < leaseUntil)
        {
            return Attempt.Held;
        }

        var name = RawPageNames.ForUrl(canonical);
        var finished = await rawPages.CurrentETagAsync(name, cancellationToken).ConfigureAwait(false) is { } rawETag
            && await parseRecords.ExistAsync(name, rawETag, cancellationToken).ConfigureAwait(false);
        existing["State"] = finished ? nameof(ClaimState.Done) : nameof(ClaimState.Queued);
        existing["UpdatedAt"] = now;
        if (!finished)
        {
            existing["ClaimedAt"] = now;
            existing["LeaseUntil"] = now + options.Value.Lease;
        }

        try
        {
            await _table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return finished ? Attempt.Finished : Attempt.TakenOver;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Another poll decided first: it marked it done or enqueued it, and either way this one has nothing to do.
            return finished ? Attempt.Finished : Attempt.Held;
        }
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);

    private static (string Partition, string Row, Uri Canonical) Keys(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var canonical = UrlCanonicalizer.Canonicalize(url);
        var name = RawPageNames.ForUrl(canonical);
        var hash = name[(name.LastIndexOf('/') + 1)..^".html".Length];
        return (TableKeys.PartitionFor(name), hash, canonical);
    }

    private static PageClaim ToClaim(TableEntity entity) =>
        new(new Uri(entity.GetString("Url")), Enum.TryParse<ClaimState>(entity.GetString("State"), out var state) ? state : ClaimState.Queued,
            entity.GetDateTimeOffset("ClaimedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue)
        {
            FeedUrl = entity.GetString("FeedUrl") is { } feed ? new Uri(feed) : null,
            LastError = entity.GetString("LastError"),
            Attempts = entity.GetInt32("Attempts") ?? 0,
            LeaseUntil = entity.GetDateTimeOffset("LeaseUntil"),
        };

    /// <summary>What one claim attempt found.</summary>
    private enum Attempt
    {
        Claimed,
        TakenOver,
        Held,
        Finished,
    }
}
