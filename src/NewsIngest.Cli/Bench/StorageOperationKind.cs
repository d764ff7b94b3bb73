using Azure.Core;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// Names a storage REST request by its service, its operation and the class its price list bills it under, from the HTTP
/// method and URL alone, so a count needs no help from the code that sent it.
/// </summary>
internal static class StorageOperationKind
{
    /// <summary>Blob price classes: write (put blob/block/list, metadata, lease, create container), list, read, other, delete (free).</summary>
    public static (string Operation, string PriceClass) Blob(Request request)
    {
        var comp = Query(request, "comp");
        var isContainer = Query(request, "restype") == "container";
        var method = request.Method;
        if (method == RequestMethod.Put)
        {
            return (isContainer, comp) switch
            {
                (true, null) => ("CreateContainer", "list"),
                (false, null) => ("PutBlob", "write"),
                (false, "block") => ("PutBlock", "write"),
                (false, "blocklist") => ("PutBlockList", "write"),
                (false, "metadata") => ("SetBlobMetadata", "write"),
                (false, "lease") => ("LeaseBlob", "write"),
                (_, var other) => ($"Put:{other}", "write"),
            };
        }

        if (method == RequestMethod.Get)
        {
            return (isContainer, comp) switch
            {
                (true, "list") => ("ListBlobs", "list"),
                (false, null) => ("GetBlob", "read"),
                (_, var other) => ($"Get:{other}", "other"),
            };
        }

        if (method == RequestMethod.Head)
        {
            return ("GetBlobProperties", "other");
        }

        if (method == RequestMethod.Delete)
        {
            return (isContainer ? "DeleteContainer" : "DeleteBlob", "delete");
        }

        return ($"{method}:{comp}", "other");
    }

    /// <summary>Queue price classes: class1 (put, update, delete message, create queue) and class2 (get, peek, properties).</summary>
    public static (string Operation, string PriceClass) Queue(Request request)
    {
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
        var path = request.Uri.Path;
        var method = request.Method;
        var onEntity = path.Contains('(', StringComparison.Ordinal);
        var operation = method.Method switch
        {
            "POST" when path.EndsWith("$batch", StringComparison.Ordinal) => "Batch",
            "POST" when path.EndsWith("/Tables", StringComparison.OrdinalIgnoreCase) => "CreateTable",
            "POST" => "InsertEntity",
            "PUT" => request.Headers.TryGetValue("If-Match", out _) ? "UpdateEntity" : "UpsertEntity",
            "MERGE" or "PATCH" => request.Headers.TryGetValue("If-Match", out _) ? "MergeEntity" : "UpsertMergeEntity",
            "DELETE" => "DeleteEntity",
            "GET" when onEntity => "GetEntity",
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
