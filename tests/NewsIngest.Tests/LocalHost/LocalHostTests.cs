namespace NewsIngest.Tests.LocalHost;

/// <summary>
/// The listener tests run one after another: each starts an Azurite and one or two hosts, and side by side on a small machine they
/// starve each other's polling past their bounds. They still run beside the other test collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalHostTests
{
    public const string Name = "LocalHost";
}
