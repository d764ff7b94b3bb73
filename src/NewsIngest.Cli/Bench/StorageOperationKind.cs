using Azure.Core;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// Names a storage REST request by its service, its operation and the class its price list bills it under, from the HTTP
/// method and URL alone, so a count needs no help from the code that sent it.
/// </summary>
internal static class StorageOperationKind
{
    /// <summary>
    /// Blob price classes of a standard general-purpose v2 account, as learn.microsoft.com/azure/storage/blobs/map-rest-apis-transaction-categories
    /// maps them: write (put blob/block/block list/append/page, copy, undelete), list (list blobs and containers, create
    /// container), read (get blob), other (properties, metadata, leases, snapshots, tags: everything else) and delete (free).
    /// </summary>
    public static (string Operation, string PriceClass) Blob(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var comp = Query(request, "comp");
        var isContainer = Query(request, "restype") == "container";
        var method = request.Method;
        if (method == RequestMethod.Put)
        {
            return (isContainer, comp) switch
            {
                (true, null) => ("CreateContainer", "list"),
                (true, var other) => ($"Container:{other}", "other"),
                (false, null) => request.Headers.TryGetValue("x-ms-copy-source", out _) ? ("CopyBlob", "write") : ("PutBlob", "write"),
                (false, "block") => ("PutBlock", "write"),
                (false, "blocklist") => ("PutBlockList", "write"),
                (false, "appendblock") => ("AppendBlock", "write"),
                (false, "page") => ("PutPage", "write"),
                (false, "undelete") => ("UndeleteBlob", "write"),
                (false, "tier") => ("SetBlobTier", "write"),
                (false, "metadata") => ("SetBlobMetadata", "other"),
                (false, "properties") => ("SetBlobProperties", "other"),
                (false, "lease") => ("LeaseBlob", "other"),
                (false, "snapshot") => ("SnapshotBlob", "other"),
                (false, var other) => ($"Put:{other}", "other"),
            };
        }

        if (method == RequestMethod.Get)
        {
            return (isContainer, comp) switch
            {
                (true, "list") => ("ListBlobs", "list"),
                (false, "list") => ("ListContainers", "list"),
                (_, "blobs") => ("FindBlobsByTags", "list"),
                (true, null) => ("GetContainerProperties", "other"),
                (false, null) => ("GetBlob", "read"),
                (_, var other) => ($"Get:{other}", "other"),
            };
        }

        if (method == RequestMethod.Head)
        {
            return (isContainer ? "GetContainerProperties" : "GetBlobProperties", "other");
        }

        if (method == RequestMethod.Delete)
        {
            return (isContainer ? "DeleteContainer" : "DeleteBlob", "delete");
        }

        return ($"{method}:{comp}", "other");
    }

    /// <summary>
    /// Queue price classes: class1 (put, get, update and delete message, create queue) and class2 (peek, properties, lists).
    /// </summary>
    public static (string Operation, string PriceClass) Queue(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Uri.Path.TrimEnd('/');
        var onMessages = path.EndsWith("/messages", StringComparison.Ordinal);
        var onMessage = path.Contains("/messages/", StringComparison.Ordinal);
        var method = request.Method;
        if (onMessages && method == RequestMethod.Post)
        {
            return ("PutMessage", "class1");
        }

        if (onMessages && method == RequestMethod.Get)
        {
            return Query(request, "peekonly") == "true" ? ("PeekMessages", "class2") : ("GetMessages", "class1");
        }

        if (onMessage && method == RequestMethod.Delete)
        {
            return ("DeleteMessage", "class1");
        }

        if (onMessage && method == RequestMethod.Put)
        {
            return ("UpdateMessage", "class1");
        }

        if (method == RequestMethod.Put)
        {
            return ("CreateQueue", "class1");
        }

        return ($"{method}:{Query(request, "comp")}", "class2");
    }

    /// <summary>Tables bill every request alike, a batch (entity group transaction) as one.</summary>
    public static (string Operation, string PriceClass) Table(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Uri.Path;
        var method = request.Method;
        // One entity is addressed as "Table(PartitionKey='…',RowKey='…')"; a query as "Table()".
        var onEntity = path.Contains("PartitionKey", StringComparison.Ordinal);
        var operation = method.Method switch
        {
            "POST" when path.EndsWith("$batch", StringComparison.Ordinal) => "Batch",
            "POST" when path.EndsWith("/Tables", StringComparison.OrdinalIgnoreCase) => "CreateTable",
            "POST" => "InsertEntity",
            "PUT" => request.Headers.TryGetValue("If-Match", out _) ? "UpdateEntity" : "UpsertEntity",
            "MERGE" or "PATCH" => request.Headers.TryGetValue("If-Match", out _) ? "MergeEntity" : "UpsertMergeEntity",
            "DELETE" => "DeleteEntity",
            "GET" when onEntity => "GetEntity",
            "GET" when path.EndsWith("/Tables", StringComparison.OrdinalIgnoreCase) => "QueryTables",
            "GET" => "QueryEntities",
            _ => method.Method,
        };
        return (operation, "transaction");
    }

    private static string? Query(Request request, string name)
    {
        var query = request.Uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
