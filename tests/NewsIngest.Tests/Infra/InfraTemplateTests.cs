using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsIngest.Core.Storage;
using NewsIngest.Functions;
using static NewsIngest.Tests.Infra.PredictedDeployment;

namespace NewsIngest.Tests.Infra;

/// <summary>
/// infra/main.bicep compiles and lints cleanly, and the deployment it describes for each plan is the one the code and
/// docs/deployment.md expect: StorageNames' containers, queues and tables, identity-based storage settings, the roles
/// each plan needs and no more, no account key at all on Flex Consumption, the Event Grid path to ParsePageOnEvent.
/// </summary>
public sealed partial class InfraTemplateTests(InfraTemplateFixture infra) : IClassFixture<InfraTemplateFixture>
{
    // Role definition ids, as listed in Azure's built-in roles reference.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";

    private const string ContentShareSetting = "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING";
    private const string DeploymentContainer = "app-package";

    public static TheoryData<string> Plans => ["Flex", "ElasticPremium"];

    [LinuxX64Fact]
    public void Main_bicep_builds_and_lints_with_no_error_or_warning_with_the_recent_API_version_rule_on()
    {
        var config = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "bicepconfig.json"));
        Assert.Contains("\"use-recent-api-versions\": { \"level\": \"error\" }", config, StringComparison.Ordinal);
        Assert.True(infra.Build.IsClean, $"bicep build: {infra.Build}");
        Assert.True(infra.Lint.IsClean, $"bicep lint: {infra.Lint}");
    }

    [LinuxX64Fact]
    public void Snapshots_of_the_compiled_template_report_no_diagnostic()
    {
        Assert.Empty(infra.Flex.Diagnostics);
        Assert.Empty(infra.ElasticPremium.Diagnostics);
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void Data_storage_account_has_the_containers_queues_and_tables_of_StorageNames_plus_Flex_its_deployment_container(string plan)
    {
        var deployment = Deployment(plan);
        var account = deployment.DataStorageAccount;
        var containers = plan == "Flex" ? [.. StorageNames.Containers, DeploymentContainer] : StorageNames.Containers;

        Assert.Equal(Sorted(containers), Sorted(deployment.ChildNames(ContainerType, account)));
        Assert.Equal(Sorted(StorageNames.Queues), Sorted(deployment.ChildNames(QueueType, account)));
        Assert.Equal(Sorted(StorageNames.Tables), Sorted(deployment.ChildNames(TableType, account)));
    }

    [LinuxX64Fact]
    public void Data_storage_account_refuses_shared_keys_public_blobs_and_TLS_below_1_2()
    {
        var properties = infra.Flex.DataStorageAccount["properties"]!;

        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.All(
            infra.ElasticPremium.OfType(StorageAccountType),
            account => Assert.Equal("TLS1_2", account["properties"]!["minimumTlsVersion"]!.GetValue<string>()));
    }

    [LinuxX64Fact]
    public void Raw_pages_move_to_cool_then_are_deleted_after_the_configured_days_and_nothing_else_ages()
    {
        var deployment = infra.Flex;
        var policy = deployment.OfType(LifecyclePolicyType)
            .Single(resource => Name(resource) == $"{Name(deployment.DataStorageAccount)}/default");
        var rule = policy["properties"]!["policy"]!["rules"]!.AsArray().Single()!["definition"]!;
        var baseBlob = rule["actions"]!["baseBlob"]!;

        var prefixes = rule["filters"]!["prefixMatch"]!.AsArray().Select(prefix => prefix!.GetValue<string>());
        Assert.Equal([$"{StorageNames.RawPagesContainer}/"], prefixes);
        Assert.Equal(InfraTemplateFixture.RawPagesCoolAfterDays, baseBlob["tierToCool"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
        Assert.Equal(InfraTemplateFixture.RawPagesDeleteAfterDays, baseBlob["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
        Assert.Equal(["delete", "tierToCool"], baseBlob.AsObject().Select(action => action.Key).Order(StringComparer.Ordinal));
    }

    [LinuxX64Fact]
    public void Raw_pages_stay_hot_by_default_and_are_deleted_after_90_days()
    {
        var policy = infra.ElasticPremium.OfType(LifecyclePolicyType).Single();
        var baseBlob = policy["properties"]!["policy"]!["rules"]!.AsArray().Single()!["definition"]!["actions"]!["baseBlob"]!;

        // A move to Cool is a write at the Cool rate per blob, more than a page of about 150 KB saves there (docs/cost.md).
        Assert.Equal(["delete"], baseBlob.AsObject().Select(action => action.Key));
        Assert.Equal(90, baseBlob["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void Function_app_identity_holds_exactly_the_data_roles_and_never_Storage_Account_Contributor(string plan)
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
            })
            .ToList();

        // Blob Data Owner covers the host's blobs, the pages and Flex's deployment package; the Event Grid trigger needs no
        // account-level role, and Storage Account Contributor (which can list the keys) is for the polling trigger only.
        Assert.Equal(Sorted([StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor]), Sorted(appRoles));
        Assert.DoesNotContain(deployment.OfType(RoleAssignmentType), assignment => RoleId(assignment["properties"]!) == StorageAccountContributor);
    }

    [LinuxX64Fact]
    public void Deploying_person_gets_data_roles_only_when_a_principal_id_is_given()
    {
        var personRoles = infra.Flex.OfType(RoleAssignmentType)
            .Select(assignment => assignment["properties"]!)
            .Where(properties => properties["principalId"]!.GetValue<string>() == InfraTemplateFixture.PersonPrincipalId)
            .Select(RoleId);

        Assert.Equal(
            Sorted([StorageBlobDataContributor, StorageQueueDataContributor, StorageTableDataContributor]),
            Sorted(personRoles));
        Assert.Equal(3, infra.ElasticPremium.OfType(RoleAssignmentType).Count());
    }

    [LinuxX64Fact]
    public void Flex_deployment_holds_no_account_key_no_listKeys_no_content_share_and_no_setting_Flex_rejects()
    {
        var deployment = infra.Flex;
        var text = deployment.Text;

        Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature=", text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(deployment.OfType(StorageAccountType));
        Assert.Empty(deployment.OfType("Microsoft.Storage/storageAccounts/fileServices/shares"));
        Assert.DoesNotContain(deployment.AppSettings.Keys, name =>
            name.StartsWith("FUNCTIONS_", StringComparison.Ordinal)
            || name.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal)
            || name == "WEBSITE_RUN_FROM_PACKAGE");
        Assert.Null(deployment.FunctionApp["properties"]!["siteConfig"]!["netFrameworkVersion"]);
    }

    [LinuxX64Fact]
    public void Flex_app_reads_its_package_from_a_data_account_container_with_the_user_assigned_identity()
    {
        var deployment = infra.Flex;
        var storage = deployment.FunctionApp["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        // An ARM expression: the data account's blob endpoint followed by the container name.
        var url = storage["value"]!.GetValue<string>();
        Assert.StartsWith($"[format('{{0}}{{1}}', reference('{Id(deployment.DataStorageAccount)}', ", url, StringComparison.Ordinal);
        Assert.EndsWith($".primaryEndpoints.blob, '{DeploymentContainer}')]", url, StringComparison.Ordinal);
        Assert.Contains(DeploymentContainer, deployment.ChildNames(ContainerType, deployment.DataStorageAccount));
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal(Id(deployment.Identity), storage["authentication"]!["userAssignedIdentityResourceId"]!.GetValue<string>());
    }

    [LinuxX64Fact]
    public void Flex_app_is_Linux_dotnet_isolated_10_on_FC1_with_the_instance_limits_given()
    {
        var deployment = infra.Flex;
        var config = deployment.FunctionApp["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", deployment.Plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", deployment.Plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(deployment.Plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal("functionapp,linux", deployment.FunctionApp["kind"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal(InfraTemplateFixture.MaximumInstanceCount, config["scaleAndConcurrency"]!["maximumInstanceCount"]!.GetValue<int>());
        Assert.Equal(InfraTemplateFixture.InstanceMemoryMB, config["scaleAndConcurrency"]!["instanceMemoryMB"]!.GetValue<int>());
    }

    [LinuxX64Fact]
    public void Flex_Consumption_is_the_default_plan_with_40_instances_of_512_MB()
    {
        var planSku = infra.CompiledTemplate["parameters"]!["planSku"]!;
        var flexDefaults = infra.CompiledTemplate["parameters"]!;

        Assert.Equal("FC1", planSku["defaultValue"]!.GetValue<string>());
        Assert.Equal(["EP1", "EP2", "EP3", "FC1"], planSku["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(40, flexDefaults["maximumInstanceCount"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(512, flexDefaults["instanceMemoryMB"]!["defaultValue"]!.GetValue<int>());
    }

    [LinuxX64Fact]
    public void Elastic_Premium_app_is_Windows_dotnet_10_with_its_content_share_and_a_burst_limit()
    {
        var deployment = infra.ElasticPremium;
        var siteConfig = deployment.FunctionApp["properties"]!["siteConfig"]!;

        Assert.Equal("ElasticPremium", deployment.Plan["sku"]!["tier"]!.GetValue<string>());
        Assert.Equal("EP1", deployment.Plan["sku"]!["name"]!.GetValue<string>());
        Assert.False(deployment.Plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal(3, deployment.Plan["properties"]!["maximumElasticWorkerCount"]!.GetValue<int>());
        Assert.Equal("dotnet-isolated", deployment.AppSettings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", deployment.AppSettings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("v10.0", siteConfig["netFrameworkVersion"]!.GetValue<string>());
        Assert.False(siteConfig["use32BitWorkerProcess"]!.GetValue<bool>());
        Assert.Null(deployment.FunctionApp["properties"]!["functionAppConfig"]);
        var share = deployment.OfType("Microsoft.Storage/storageAccounts/fileServices/shares").Single();
        Assert.EndsWith($"/{deployment.AppSettings["WEBSITE_CONTENTSHARE"]}", Name(share), StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void Elastic_Premium_holds_one_account_key_in_the_content_share_setting_and_it_opens_only_the_content_account()
    {
        var deployment = infra.ElasticPremium;
        var withKeys = deployment.AppSettings
            .Where(setting => setting.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                || setting.Value.Contains("listKeys(", StringComparison.OrdinalIgnoreCase)
                || setting.Value.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase))
            .Select(setting => setting.Key);
        Assert.Equal([ContentShareSetting], withKeys);

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
    public void AzureWebJobsStorage_connects_with_the_user_assigned_identity_to_the_data_account_named_beside_its_URIs(string plan)
    {
        var deployment = Deployment(plan);
        var settings = deployment.AppSettings;
        var dataAccount = $"[reference('{Id(deployment.DataStorageAccount)}', ";

        Assert.DoesNotContain(StorageNames.Connection, settings.Keys);
        Assert.DoesNotContain($"{StorageNames.Connection}__accountKey", settings.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("managedidentity", settings[$"{StorageNames.Connection}__credential"]);
        Assert.Equal($"[reference('{Id(deployment.Identity)}', '2024-11-30').clientId]", settings[$"{StorageNames.Connection}__clientId"]);
        // Beside the URIs, against the host's start-up race (azure-functions-host issue 11787).
        Assert.Equal(Name(deployment.DataStorageAccount), settings[$"{StorageNames.Connection}__accountName"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var uri = settings[$"{StorageNames.Connection}__{service}ServiceUri"];
            Assert.StartsWith(dataAccount, uri, StringComparison.Ordinal);
            Assert.EndsWith($".primaryEndpoints.{service}]", uri, StringComparison.Ordinal);
        }
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void The_cloud_parses_on_Event_Grid_events_of_the_data_account_and_disables_the_polling_parser(string plan)
    {
        var deployment = Deployment(plan);
        var topic = deployment.OfType(SystemTopicType).Single();

        Assert.Equal(Id(deployment.DataStorageAccount), topic["properties"]!["source"]!.GetValue<string>());
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic["properties"]!["topicType"]!.GetValue<string>());
        Assert.Equal(Name(topic), deployment.Output("AZURE_RAW_PAGES_TOPIC_NAME"));
        Assert.Equal(StorageNames.RawPagesContainer, deployment.Output("AZURE_RAW_PAGES_CONTAINER"));
        Assert.Equal(ParsePage.OnEventName, deployment.Output("AZURE_PARSE_PAGE_FUNCTION"));
        Assert.Equal("true", deployment.AppSettings[$"AzureWebJobs.{ParsePage.OnScanName}.Disabled"]);
        Assert.False(deployment.AppSettings.ContainsKey($"AzureWebJobs.{ParsePage.OnEventName}.Disabled"));
    }

    [LinuxX64Theory]
    [MemberData(nameof(Plans))]
    public void Cloud_instances_share_per_host_politeness_and_serve_HTTPS_only_as_the_user_assigned_identity(string plan)
    {
        var deployment = Deployment(plan);
        var app = deployment.FunctionApp;
        var siteConfig = app["properties"]!["siteConfig"]!;

        Assert.Equal("true", deployment.AppSettings["NewsIngest__SharedPoliteness__Enabled"]);
        Assert.Equal("Disabled", siteConfig["ftpsState"]!.GetValue<string>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        Assert.True(app["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("UserAssigned", app["identity"]!["type"]!.GetValue<string>());
        Assert.Equal([Id(deployment.Identity)], app["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));
        Assert.StartsWith("[reference(", deployment.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [LinuxX64Fact]
    public void FeedSchedule_and_the_feed_list_are_app_settings_taken_from_parameters()
    {
        var settings = infra.Flex.AppSettings;

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

    [LinuxX64Fact]
    public void Location_parameter_carries_the_azd_location_metadata()
    {
        var location = infra.CompiledTemplate["parameters"]!["location"]!;

        Assert.Equal("location", location["metadata"]!["azd"]!["type"]!.GetValue<string>());
    }

    [LinuxX64Fact]
    public void Function_app_carries_the_azd_service_tag_of_azure_yaml()
    {
        var azureYaml = File.ReadAllLines(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));
        var tag = infra.Flex.FunctionApp["tags"]!["azd-service-name"]!.GetValue<string>();

        var servicesLine = Array.IndexOf(azureYaml, "services:");
        Assert.True(servicesLine >= 0, "azure.yaml has no services: section");
        Assert.Equal($"  {tag}:", azureYaml[servicesLine + 1]);
        Assert.Contains("    host: function", azureYaml);
    }

    [LinuxX64Fact]
    public void Postdeploy_hooks_exist_for_sh_and_pwsh_read_only_outputs_main_bicep_declares_and_leave_out_fetched_uploads()
    {
        var azureYaml = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml"));
        var outputs = infra.CompiledTemplate["outputs"]!.AsObject().Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("  postdeploy:", azureYaml, StringComparison.Ordinal);
        foreach (var script in new[] { "infra/hooks/postdeploy.sh", "infra/hooks/postdeploy.ps1" })
        {
            Assert.Contains($"run: ./{script}", azureYaml, StringComparison.Ordinal);
            var text = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, script));
            var read = AzdValue().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(read);
            Assert.Subset(outputs, read);
            Assert.Contains("runtime/webhooks/blobs?functionName=Host.Functions.", text, StringComparison.Ordinal);
            Assert.Contains("systemKeys.blobs_extension", text, StringComparison.Ordinal);
            Assert.Contains("Microsoft.Storage.BlobCreated", text, StringComparison.Ordinal);
            // The fetcher parses what it uploads: its marked uploads must not reach the trigger a second time.
            Assert.Contains($"--advanced-filter data.clientRequestId StringNotBeginsWith {FetchedUploads.RequestIdPrefix} ", text, StringComparison.Ordinal);
        }
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

    [GeneratedRegex(@"AZURE_[A-Z_]+")]
    private static partial Regex AzdValue();

    private PredictedDeployment Deployment(string plan) => plan switch
    {
        "Flex" => infra.Flex,
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
