using System.Globalization;
using System.Text.Json.Nodes;

namespace NewsIngest.Tests.Infra;

/// <summary>
/// Builds and lints infra/main.bicep once, then predicts two deployments of the compiled ARM JSON
/// (a .bicepparam file `using` main.json, expanded by `bicep snapshot`): the default plan, Flex Consumption, with every
/// optional parameter set, and Elastic Premium with nothing optional set.
/// </summary>
public sealed class InfraTemplateFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000aaaa";
    public const string TenantId = "00000000-0000-0000-0000-00000000bbbb";
    public const string Location = "westeurope";
    public const string PersonPrincipalId = "00000000-0000-0000-0000-00000000cccc";
    public const string FeedSchedule = "0 */5 * * * *";
    public const int RawPagesCoolAfterDays = 14;
    public const int RawPagesDeleteAfterDays = 60;
    public const int MaximumInstanceCount = 25;
    public const int InstanceMemoryMB = 4096;

    public static readonly IReadOnlyList<string> FeedUrls = ["https://feeds.example.org/world.xml", "https://news.example.net/rss"];

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("newsingest-infra-").FullName;
    private PredictedDeployment? _flex;
    private PredictedDeployment? _elasticPremium;

    public BicepResult Build { get; private set; } = null!;

    public BicepResult Lint { get; private set; } = null!;

    /// <summary>The compiled ARM JSON of main.bicep, as text.</summary>
    public string CompiledTemplateText { get; private set; } = "";

    public JsonObject CompiledTemplate { get; private set; } = [];

    /// <summary>The default plan (Flex Consumption) with two feeds, a custom schedule, raw-page ages, scale limits and a deploying person.</summary>
    public PredictedDeployment Flex => _flex ?? throw NotBuilt();

    /// <summary>planSku EP1 and every other parameter at its default.</summary>
    public PredictedDeployment ElasticPremium => _elasticPremium ?? throw NotBuilt();

    public async Task InitializeAsync()
    {
        if (!BicepCli.IsSupportedPlatform)
        {
            return;
        }

        var mainBicep = Path.Combine(BicepCli.InfraDirectory, "main.bicep");
        var compiled = Path.Combine(_workDirectory, "main.json");
        Build = await BicepCli.RunAsync("build", mainBicep, "--outfile", compiled);
        Lint = await BicepCli.RunAsync("lint", mainBicep);
        if (Build.ExitCode != 0)
        {
            return;
        }

        CompiledTemplateText = await File.ReadAllTextAsync(compiled);
        CompiledTemplate = JsonNode.Parse(CompiledTemplateText)!.AsObject();

        _flex = await SnapshotAsync(
            "flex",
            $"""
            param feedUrls = '{string.Join(", ", FeedUrls)}'
            param feedSchedule = '{FeedSchedule}'
            param rawPagesCoolAfterDays = {RawPagesCoolAfterDays.ToString(CultureInfo.InvariantCulture)}
            param rawPagesDeleteAfterDays = {RawPagesDeleteAfterDays.ToString(CultureInfo.InvariantCulture)}
            param maximumInstanceCount = {MaximumInstanceCount.ToString(CultureInfo.InvariantCulture)}
            param instanceMemoryMB = {InstanceMemoryMB.ToString(CultureInfo.InvariantCulture)}
            param principalId = '{PersonPrincipalId}'
            """);
        _elasticPremium = await SnapshotAsync("premium", "param planSku = 'EP1'");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_workDirectory, recursive: true);
        return Task.CompletedTask;
    }

    private InvalidOperationException NotBuilt() => new($"infra/main.bicep did not build, so there is nothing to inspect: {Build}");

    private async Task<PredictedDeployment> SnapshotAsync(string name, string parameters)
    {
        var parametersFile = Path.Combine(_workDirectory, $"{name}.bicepparam");
        await File.WriteAllTextAsync(
            parametersFile,
            $"""
            using './main.json'
            param environmentName = 'ci-{name}'
            param location = '{Location}'
            {parameters}
            """);

        var result = await BicepCli.RunAsync(
            "snapshot", parametersFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location);
        if (!result.IsClean)
        {
            throw new InvalidOperationException($"bicep snapshot of {name}.bicepparam failed: {result}");
        }

        var snapshot = await File.ReadAllTextAsync(Path.ChangeExtension(parametersFile, ".snapshot.json"));
        return new PredictedDeployment(JsonNode.Parse(snapshot)!);
    }
}
