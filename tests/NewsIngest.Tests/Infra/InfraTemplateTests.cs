using System.Text.Json.Nodes;
using NewsIngest.Core.Storage;
using static NewsIngest.Tests.Infra.PredictedDeployment;

namespace NewsIngest.Tests.Infra;

/// <summary>
/// infra/main.bicep compiles and lints cleanly, and the deployment it describes is the one the code
/// and docs/deployment.md expect: StorageNames' containers, queues and tables, identity-based storage
/// settings, each role the bindings need, and no account key but the content share's.
/// </summary>
public sealed class InfraTemplateTests(InfraTemplateFixture infra) : IClassFixture<InfraTemplateFixture>
{
    // Role definition ids, as listed in Azure's built-in roles reference.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";

    private const string ContentShareSetting = "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING";

    public static TheoryData<string> Plans => ["Consumption", "ElasticPremium"];

    [LinuxX64Fact]
    public void Main_bicep_builds_and_lints_with_no_error_or_warning()
    {
        Assert.True(infra.Build.IsClean, $"bicep build: {infra.Build}");
        Assert.True(infra.Lint.IsClean, $"bicep lint: {infra.Lint}");
    }

    [LinuxX64Fact]
    public void Snapshots_of_the_compiled_template_report_no_diagnostic()
    {
        Assert.Empty(infra.Consumption.Diagnostics);
        Assert.Empty(infra.ElasticPremium.Diagnostics);
    }

    [LinuxX64Fact]
    public void Data_storage_account_has_exactly_the_containers_queues_and_tables_of_StorageNames()
    {
        var deployment = infra.Consumption;
        var account = deployment.DataStorageAccount;

        Assert.Equal(Sorted(StorageNames.Containers), Sorted(deployment.ChildNames(ContainerType, account)));
        Assert.Equal(Sorted(StorageNames.Queues), Sorted(deployment.ChildNames(QueueType, account)));
        Assert.Equal(Sorted(StorageNames.Tables), Sorted(deployment.ChildNames(TableType, account)));
    }

    [LinuxX64Fact]
    public void Data_storage_account_refuses_shared_keys_public_blobs_and_TLS_below_1_2()
    {
        var properties = infra.Consumption.DataStorageAccount["properties"]!;

        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.All(
            infra.Consumption.OfType(StorageAccountType),
            account => Assert.Equal("TLS1_2", account["properties"]!["minimumTlsVersion"]!.GetValue<string>()));
    }

    [LinuxX64Fact]
    public void Raw_pages_move_to_the_cool_tier_after_the_configured_number_of_days()
    {
        var deployment = infra.Consumption;
        var policy = deployment.OfType(LifecyclePolicyType)
            .Single(resource => Name(resource) == $"{Name(deployment.DataStorageAccount)}/default");
        var rule = policy["properties"]!["policy"]!["rules"]!.AsArray().Single()!["definition"]!;

        var prefixes = rule["filters"]!["prefixMatch"]!.AsArray().Select(prefix => prefix!.GetValue<string>());
        Assert.Equal([$"{StorageNames.RawPagesContainer}/"], prefixes);
        Assert.Equal(
            InfraTemplateFixture.RawPagesCoolAfterDays,
            rule["actions"]!["baseBlob"]!["tierToCool"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void Function_app_identity_holds_each_storage_role_the_bindings_need_on_the_data_account(string plan)
    {
        var deployment = Deployment(plan);
        var identityPrincipal = $"[reference('{Id(deployment.Identity)}', ";
        var dataAccountScope = $"{Id(deployment.DataStorageAccount)}/providers/{RoleAssignmentType}/";

        var appRoles = deployment.OfType(RoleAssignmentType)
            .Where(assignment => Id(assignment).StartsWith(dataAccountScope, StringComparison.Ordinal))
            .Select(assignment => assignment["properties"]!)
            .Where(properties => properties["principalId"]!.GetValue<string>().StartsWith(identityPrincipal, StringComparison.Ordinal)
                && properties["principalId"]!.GetValue<string>().EndsWith(".principalId]", StringComparison.Ordinal))
            .Select(properties =>
            {
                Assert.Equal("ServicePrincipal", properties["principalType"]!.GetValue<string>());
                return RoleId(properties);
            });

        Assert.Equal(
            Sorted([StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, StorageAccountContributor]),
            Sorted(appRoles));
    }

    [LinuxX64Fact]
    public void Deploying_person_gets_data_roles_only_when_a_principal_id_is_given()
    {
        var personRoles = infra.Consumption.OfType(RoleAssignmentType)
            .Select(assignment => assignment["properties"]!)
            .Where(properties => properties["principalId"]!.GetValue<string>() == InfraTemplateFixture.PersonPrincipalId)
            .Select(RoleId);

        Assert.Equal(
            Sorted([StorageBlobDataContributor, StorageQueueDataContributor, StorageTableDataContributor]),
            Sorted(personRoles));
        Assert.Equal(4, infra.ElasticPremium.OfType(RoleAssignmentType).Count());
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void No_app_setting_holds_an_account_key_except_the_content_share_connection(string plan)
    {
        var settings = Deployment(plan).AppSettings;

        var withKeys = settings
            .Where(setting => setting.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                || setting.Value.Contains("listKeys(", StringComparison.OrdinalIgnoreCase)
                || setting.Value.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase))
            .Select(setting => setting.Key);

        Assert.Equal([ContentShareSetting], withKeys);
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void Content_share_key_opens_its_own_account_never_the_data_account(string plan)
    {
        var deployment = Deployment(plan);
        var contentShare = deployment.AppSettings[ContentShareSetting];
        var dataAccount = Name(deployment.DataStorageAccount);
        var contentAccount = deployment.OfType(StorageAccountType).Single(account => Name(account) != dataAccount);

        // The value is still an expression: [format('…AccountName={0};AccountKey={1};…', '<account>', listKeys('<account id>', …)…)]
        Assert.Contains($"listKeys('{Id(contentAccount)}', ", contentShare, StringComparison.Ordinal);
        Assert.Contains($", '{Name(contentAccount)}', ", contentShare, StringComparison.Ordinal);
        Assert.DoesNotContain($"'{dataAccount}'", contentShare, StringComparison.Ordinal);
        Assert.DoesNotContain($"/storageAccounts/{dataAccount}'", contentShare, StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Compiled_template_reads_an_account_key_in_one_place_only()
    {
        Assert.Equal(1, Occurrences(infra.CompiledTemplateText, "AccountKey="));
        Assert.Equal(1, Occurrences(infra.CompiledTemplateText, "listKeys("));
        Assert.Equal(0, Occurrences(infra.CompiledTemplateText, "listAccountSas("));
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void AzureWebJobsStorage_connects_with_the_user_assigned_identity_to_the_data_account(string plan)
    {
        var deployment = Deployment(plan);
        var settings = deployment.AppSettings;
        var dataAccount = $"[reference('{Id(deployment.DataStorageAccount)}', ";

        Assert.DoesNotContain(StorageNames.Connection, settings.Keys);
        Assert.DoesNotContain($"{StorageNames.Connection}__accountKey", settings.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("managedidentity", settings[$"{StorageNames.Connection}__credential"]);
        Assert.Equal($"[reference('{Id(deployment.Identity)}', '2023-01-31').clientId]", settings[$"{StorageNames.Connection}__clientId"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var uri = settings[$"{StorageNames.Connection}__{service}ServiceUri"];
            Assert.StartsWith(dataAccount, uri, StringComparison.Ordinal);
            Assert.EndsWith($".primaryEndpoints.{service}]", uri, StringComparison.Ordinal);
        }
    }

    [LinuxX64Fact]
    public void FeedSchedule_and_the_feed_list_are_app_settings_taken_from_parameters()
    {
        var settings = infra.Consumption.AppSettings;

        Assert.Equal(InfraTemplateFixture.FeedSchedule, settings["FeedSchedule"]);
        Assert.Equal(InfraTemplateFixture.FeedUrls, FeedSettings(settings));
    }

    [LinuxX64Fact]
    public void FeedSchedule_defaults_to_every_quarter_hour_and_no_feed_is_set_by_default()
    {
        var settings = infra.ElasticPremium.AppSettings;

        Assert.Equal("0 */15 * * * *", settings["FeedSchedule"]);
        Assert.Empty(FeedSettings(settings));
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void Function_app_runs_dotnet_10_isolated_64_bit_on_Windows_over_HTTPS_only(string plan)
    {
        var deployment = Deployment(plan);
        var app = deployment.FunctionApp;
        var siteConfig = app["properties"]!["siteConfig"]!;

        Assert.Equal("dotnet-isolated", deployment.AppSettings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", deployment.AppSettings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("v10.0", siteConfig["netFrameworkVersion"]!.GetValue<string>());
        Assert.False(siteConfig["use32BitWorkerProcess"]!.GetValue<bool>());
        Assert.Equal("Disabled", siteConfig["ftpsState"]!.GetValue<string>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        Assert.True(app["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.False(deployment.Plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal("UserAssigned", app["identity"]!["type"]!.GetValue<string>());
        Assert.Equal([Id(deployment.Identity)], app["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));
        Assert.StartsWith("[reference(", deployment.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Plan_is_Windows_Consumption_by_default_and_Elastic_Premium_on_request()
    {
        Assert.Equal("Dynamic", infra.Consumption.Plan["sku"]!["tier"]!.GetValue<string>());
        Assert.Equal("Y1", infra.Consumption.Plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("ElasticPremium", infra.ElasticPremium.Plan["sku"]!["tier"]!.GetValue<string>());
        Assert.Equal("EP1", infra.ElasticPremium.Plan["sku"]!["name"]!.GetValue<string>());
    }

    [LinuxX64Fact]
    public void Function_app_carries_the_azd_service_tag_of_azure_yaml()
    {
        var azureYaml = File.ReadAllLines(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));
        var tag = infra.Consumption.FunctionApp["tags"]!["azd-service-name"]!.GetValue<string>();

        var servicesLine = Array.IndexOf(azureYaml, "services:");
        Assert.True(servicesLine >= 0, "azure.yaml has no services: section");
        Assert.Equal($"  {tag}:", azureYaml[servicesLine + 1]);
        Assert.Contains("    host: function", azureYaml);
    }

    [LinuxX64Fact]
    public void Azd_parameters_file_supplies_every_required_parameter_and_only_known_ones()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json")))!;
        var supplied = file["parameters"]!.AsObject().Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        var declared = infra.CompiledTemplate["parameters"]!.AsObject();
        var required = declared.Where(entry => entry.Value!["defaultValue"] is null).Select(entry => entry.Key);

        Assert.Subset(declared.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal), supplied);
        Assert.Subset(supplied, required.ToHashSet(StringComparer.Ordinal));
    }

    private PredictedDeployment Deployment(string plan) => plan switch
    {
        "Consumption" => infra.Consumption,
        "ElasticPremium" => infra.ElasticPremium,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan."),
    };

    private static string RoleId(JsonNode properties) =>
        properties["roleDefinitionId"]!.GetValue<string>().Split('/')[^1];

    private static List<string> FeedSettings(IReadOnlyDictionary<string, string> settings) =>
        Enumerable.Range(0, settings.Count)
            .Select(index => settings.GetValueOrDefault($"NewsIngest__Feeds__{index}"))
            .TakeWhile(url => url is not null)
            .Select(url => url!)
            .ToList();

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();
}
