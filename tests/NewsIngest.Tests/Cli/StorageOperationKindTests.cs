using Azure.Core;
using Azure.Core.Pipeline;
using NewsIngest.Cli.Bench;

namespace NewsIngest.Tests.Cli;

/// <summary>
/// Each storage request is named and priced from its method and URL as the price lists class it
/// (learn.microsoft.com/azure/storage/blobs/map-rest-apis-transaction-categories for blobs).
/// </summary>
public sealed class StorageOperationKindTests
{
    private const string Blobs = "https://acct.blob.core.windows.net";
    private const string Queues = "https://acct.queue.core.windows.net";
    private const string Tables = "http://127.0.0.1:10002/devstoreaccount1";

    [Theory]
    [InlineData("PUT", "/raw-pages/a.html", null, "PutBlob", "write")]
    [InlineData("PUT", "/raw-pages/a.html?comp=block&blockid=AA", null, "PutBlock", "write")]
    [InlineData("PUT", "/raw-pages/a.html?comp=blocklist", null, "PutBlockList", "write")]
    [InlineData("PUT", "/raw-pages/a.html", "x-ms-copy-source", "CopyBlob", "write")]
    [InlineData("PUT", "/raw-pages/a.html?comp=metadata", null, "SetBlobMetadata", "other")]
    [InlineData("PUT", "/raw-pages/a.html?comp=properties", null, "SetBlobProperties", "other")]
    [InlineData("PUT", "/raw-pages/a.html?comp=lease", null, "LeaseBlob", "other")]
    [InlineData("PUT", "/raw-pages?restype=container", null, "CreateContainer", "list")]
    [InlineData("PUT", "/raw-pages?restype=container&comp=metadata", null, "Container:metadata", "other")]
    [InlineData("GET", "/raw-pages/a.html", null, "GetBlob", "read")]
    [InlineData("GET", "/raw-pages?restype=container&comp=list&prefix=a", null, "ListBlobs", "list")]
    [InlineData("GET", "/?comp=list", null, "ListContainers", "list")]
    [InlineData("GET", "/raw-pages?restype=container", null, "GetContainerProperties", "other")]
    [InlineData("HEAD", "/raw-pages/a.html", null, "GetBlobProperties", "other")]
    [InlineData("HEAD", "/raw-pages?restype=container", null, "GetContainerProperties", "other")]
    [InlineData("DELETE", "/articles/a.html.json", null, "DeleteBlob", "delete")]
    public void Blob_requests_are_priced_as_the_price_list_maps_them(string method, string path, string? header, string operation, string priceClass)
    {
        using var request = Request(method, Blobs + path, header);

        Assert.Equal((operation, priceClass), StorageOperationKind.Blob(request));
    }

    [Theory]
    [InlineData("POST", "/page-requests/messages", "PutMessage", "class1")]
    [InlineData("GET", "/page-requests/messages?numofmessages=32&visibilitytimeout=600", "GetMessages", "class1")]
    [InlineData("GET", "/page-requests/messages?numofmessages=32&peekonly=true", "PeekMessages", "class2")]
    [InlineData("DELETE", "/page-requests/messages/id-1?popreceipt=x", "DeleteMessage", "class1")]
    [InlineData("PUT", "/page-requests/messages/id-1?popreceipt=x&visibilitytimeout=30", "UpdateMessage", "class1")]
    [InlineData("PUT", "/page-requests", "CreateQueue", "class1")]
    [InlineData("GET", "/page-requests?comp=metadata", "GET:metadata", "class2")]
    public void Queue_requests_are_named_and_classed(string method, string path, string operation, string priceClass)
    {
        using var request = Request(method, Queues + path, header: null);

        Assert.Equal((operation, priceClass), StorageOperationKind.Queue(request));
    }

    [Theory]
    [InlineData("POST", "/Tables", null, "CreateTable")]
    [InlineData("POST", "/Articles", null, "InsertEntity")]
    [InlineData("POST", "/$batch", null, "Batch")]
    [InlineData("PUT", "/Articles(PartitionKey='a',RowKey='b')", null, "UpsertEntity")]
    [InlineData("PUT", "/Articles(PartitionKey='a',RowKey='b')", "If-Match", "UpdateEntity")]
    [InlineData("PATCH", "/PageClaims(PartitionKey='a',RowKey='b')", null, "UpsertMergeEntity")]
    [InlineData("PATCH", "/PageClaims(PartitionKey='a',RowKey='b')", "If-Match", "MergeEntity")]
    [InlineData("DELETE", "/Rejections(PartitionKey='a',RowKey='b')", "If-Match", "DeleteEntity")]
    [InlineData("GET", "/Articles(PartitionKey='a',RowKey='b')", null, "GetEntity")]
    [InlineData("GET", "/Articles()?$filter=PartitionKey%20eq%20'a'", null, "QueryEntities")]
    public void Table_requests_are_each_one_transaction(string method, string path, string? header, string operation)
    {
        using var request = Request(method, Tables + path, header);

        Assert.Equal((operation, "transaction"), StorageOperationKind.Table(request));
    }

    private static Request Request(string method, string url, string? header)
    {
        var request = new HttpClientTransport().CreateRequest();
        request.Method = RequestMethod.Parse(method);
        request.Uri.Reset(new Uri(url));
        if (header is not null)
        {
            request.Headers.Add(header, header == "If-Match" ? "*" : "https://acct.blob.core.windows.net/c/b");
        }

        return request;
    }
}
