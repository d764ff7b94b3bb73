namespace NewsIngest.Core.Storage;

/// <summary>The one source of truth for every storage name the code, the Functions bindings and the Bicep use.</summary>
public static class StorageNames
{
    /// <summary>The configuration section (and Functions connection name) of the storage account.</summary>
    public const string Connection = "AzureWebJobsStorage";

    public const string RawPagesContainer = "raw-pages";
    public const string ArticlesContainer = "articles";
    public const string PageRequestsQueue = "page-requests";
    public const string ArticlesTable = "Articles";

    /// <summary>The second index of the articles: one row per article in the partition of its day (see docs/storage.md).</summary>
    public const string ArticlesByDayTable = "ArticlesByDay";
    public const string FeedStateTable = "FeedState";
    public const string RejectionsTable = "Rejections";

    /// <summary>One row per canonical article URL ever enqueued: the claim that keeps overlapping feed polls from doubling work.</summary>
    public const string PageClaimsTable = "PageClaims";

    /// <summary>One row per host being fetched: its next allowed request start and its held slots, shared by all instances.</summary>
    public const string HostLeasesTable = "HostLeases";

    public static IReadOnlyList<string> Containers { get; } = [RawPagesContainer, ArticlesContainer];

    public static IReadOnlyList<string> Queues { get; } = [PageRequestsQueue];

    public static IReadOnlyList<string> Tables { get; } = [ArticlesTable, ArticlesByDayTable, FeedStateTable, RejectionsTable, PageClaimsTable, HostLeasesTable];
}
