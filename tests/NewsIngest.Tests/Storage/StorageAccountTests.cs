using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.Storage;

/// <summary>Core's storage clients read the same AzureWebJobsStorage section as the Functions host, in both of its shapes.</summary>
public sealed class StorageAccountTests
{
    private static (IConfigurationSection Section, AzureComponentFactory Factory) Configure(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddAzureClientsCore();
        var services = collection.BuildServiceProvider();
        return (configuration.GetSection(StorageNames.Connection), services.GetRequiredService<AzureComponentFactory>());
    }

    [Fact]
    public void A_connection_string_value_gives_clients_for_that_account()
    {
        var (section, factory) = Configure(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        var account = StorageAccount.FromConfiguration(section, factory);
        Assert.Equal("devstoreaccount1", account.Blobs.AccountName);
        Assert.Equal(10000, account.Blobs.Uri.Port);
        Assert.Equal(10001, account.Queues.Uri.Port);
        Assert.Equal(10002, account.Tables.Uri.Port);
    }

    [Fact]
    public void Identity_based_settings_give_clients_on_the_configured_service_uris()
    {
        var (section, factory) = Configure(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stnews.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stnews.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stnews.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });
        var account = StorageAccount.FromConfiguration(section, factory);
        Assert.Equal(new Uri("https://stnews.blob.core.windows.net"), account.Blobs.Uri);
        Assert.Equal(new Uri("https://stnews.queue.core.windows.net"), account.Queues.Uri);
        Assert.Equal(new Uri("https://stnews.table.core.windows.net"), account.Tables.Uri);
    }

    [Fact]
    public void An_account_name_alone_gives_the_public_cloud_endpoints()
    {
        var (section, factory) = Configure(new() { ["AzureWebJobsStorage:accountName"] = "stnews" });
        var account = StorageAccount.FromConfiguration(section, factory);
        Assert.Equal("stnews.table.core.windows.net", account.Tables.Uri.Host);
    }

    [Fact]
    public void Missing_settings_fail_with_a_message_naming_the_setting()
    {
        var (section, factory) = Configure(new() { ["Other"] = "x" });
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(section, factory));
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }
}
