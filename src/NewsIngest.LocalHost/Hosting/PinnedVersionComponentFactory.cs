using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Storage;

namespace NewsIngest.LocalHost.Hosting;

/// <summary>
/// The component factory the WebJobs storage extensions build their clients with, giving blob and queue clients the storage
/// API version the app's own clients pin (<see cref="StorageAccount.ApiVersion"/>). The extensions ask for
/// options with no service version, i.e. the SDK's newest, which an Azurite started without <c>--skipApiVersionCheck</c>
/// refuses; with this, <c>newsingest run</c> works against any Azurite the rest of the tool works with.
/// </summary>
internal sealed class PinnedVersionComponentFactory(AzureComponentFactory inner) : AzureComponentFactory
{
    public override TokenCredential CreateTokenCredential(IConfiguration configuration) => inner.CreateTokenCredential(configuration);

    public override object CreateClientOptions(Type optionsType, object serviceVersion, IConfiguration configuration) =>
        inner.CreateClientOptions(optionsType, serviceVersion ?? PinnedVersion(optionsType)!, configuration);

    public override object CreateClient(Type clientType, IConfiguration configuration, TokenCredential credential, object clientOptions) =>
        inner.CreateClient(clientType, configuration, credential, clientOptions);

    /// <summary>Wraps the factory already registered (by the extensions' <c>AddAzureClientsCore</c>) in this one.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(AzureComponentFactory))
            ?? throw new InvalidOperationException("No AzureComponentFactory is registered: call after the storage extensions.");
        services.Remove(registered);
        services.AddSingleton<AzureComponentFactory>(provider => new PinnedVersionComponentFactory(Resolve(registered, provider)));
    }

    private static object? PinnedVersion(Type optionsType) =>
        optionsType == typeof(BlobClientOptions) ? StorageAccount.BlobServiceVersion
        : optionsType == typeof(QueueClientOptions) ? StorageAccount.QueueServiceVersion
        : null;

    private static AzureComponentFactory Resolve(ServiceDescriptor descriptor, IServiceProvider provider) => (AzureComponentFactory)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
