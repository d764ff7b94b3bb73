using System.Text.Json.Nodes;

namespace NewsIngest.Tests.Infra;

/// <summary>
/// The resources a deployment of the compiled template would create, as `bicep snapshot` predicts them
/// for one set of parameters: copy loops expanded, nested module templates flattened, parameters and
/// variables substituted. Values known only at deployment time stay ARM expressions, e.g.
/// "[reference('/subscriptions/…/userAssignedIdentities/id-…', '2023-01-31').principalId]".
/// </summary>
public sealed class PredictedDeployment
{
    public const string StorageAccountType = "Microsoft.Storage/storageAccounts";
    public const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    public const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    public const string LifecyclePolicyType = "Microsoft.Storage/storageAccounts/managementPolicies";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    public const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string PlanType = "Microsoft.Web/serverfarms";
    public const string SiteType = "Microsoft.Web/sites";
    public const string SystemTopicType = "Microsoft.EventGrid/systemTopics";

    private readonly JsonObject _outputs;

    public PredictedDeployment(JsonNode snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Resources = snapshot["predictedResources"]!.AsArray().Select(node => node!.AsObject()).ToList();
        Diagnostics = snapshot["diagnostics"]?.AsArray().Select(node => node!.ToJsonString()).ToList() ?? [];
        _outputs = snapshot["outputs"]?.AsObject() ?? [];
    }

    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>Anything the snapshot could not evaluate or found wrong, as JSON text.</summary>
    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>The data storage account: the one main.bicep outputs as AZURE_STORAGE_ACCOUNT_NAME.</summary>
    public JsonObject DataStorageAccount => Named(StorageAccountType, Output("AZURE_STORAGE_ACCOUNT_NAME"));

    public JsonObject FunctionApp => Named(SiteType, Output("AZURE_FUNCTION_APP_NAME"));

    public JsonObject Plan => Resources.Single(resource => Type(resource) == PlanType);

    public JsonObject Identity => Resources.Single(resource => Type(resource) == IdentityType);

    /// <summary>Every predicted resource as JSON text, for checks that nothing anywhere mentions something.</summary>
    public string Text => string.Join('\n', Resources.Select(resource => resource.ToJsonString()));

    public string Output(string name) =>
        _outputs[name]?.GetValue<string>() ?? throw new KeyNotFoundException($"The template has no output {name}.");

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(resource => Type(resource) == type);

    /// <summary>Names of the child resources of one type (containers, queues, tables) under a storage account.</summary>
    public IReadOnlyList<string> ChildNames(string type, JsonObject storageAccount)
    {
        var prefix = $"{Name(storageAccount)}/default/";
        return OfType(type)
            .Select(Name)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => name[prefix.Length..])
            .ToList();
    }

    /// <summary>The function app's settings, name to value, in template order.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        FunctionApp["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(setting => setting!.AsObject())
            .ToDictionary(setting => setting["name"]!.GetValue<string>(), setting => setting["value"]!.GetValue<string>(), StringComparer.Ordinal);

    public static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    public static string Name(JsonObject resource) => resource["name"]!.GetValue<string>();

    public static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    private JsonObject Named(string type, string name) =>
        OfType(type).Single(resource => Name(resource) == name);
}
