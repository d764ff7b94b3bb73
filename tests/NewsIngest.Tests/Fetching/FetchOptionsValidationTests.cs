using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Fetching;

/// <summary>The fetch bounds are validated at start-up: a wrong value stops the host with a clear message.</summary>
public sealed class FetchOptionsValidationTests
{
    [Theory]
    [InlineData("NewsIngest:Fetch:RequestTimeout", "00:00:10", "RequestTimeout")] // shorter than TotalTimeout (90 s)
    [InlineData("NewsIngest:Fetch:RequestTimeout", "00:30:00", "RequestTimeout")] // longer than the function timeout
    [InlineData("NewsIngest:Fetch:RobotsTxtFailureBackoff", "00:00:00", "RobotsTxtFailureBackoff")]
    [InlineData("NewsIngest:Fetch:RobotsTxtFailureMaxBackoff", "00:00:10", "RobotsTxtFailureMaxBackoff")] // below the first back-off
    public void An_invalid_fetch_bound_is_refused_with_its_name(string key, string value, string named)
    {
        using var services = TestServices.Create("UseDevelopmentStorage=true", extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:TotalTimeout"] = "00:01:30",
            [key] = value,
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FetchOptions>>().Value);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_fetch_bounds_pass_validation()
    {
        var defaults = new FetchOptions();
        using var services = TestServices.Create("UseDevelopmentStorage=true", extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AttemptTimeout"] = defaults.AttemptTimeout.ToString(),
            ["NewsIngest:Fetch:TotalTimeout"] = defaults.TotalTimeout.ToString(),
            ["NewsIngest:Fetch:RequestTimeout"] = defaults.RequestTimeout.ToString(),
        });
        var options = services.GetRequiredService<IOptions<FetchOptions>>().Value;
        Assert.Equal(defaults.RequestTimeout, options.RequestTimeout);
        Assert.Equal(defaults.RobotsTxtFailureBackoff, options.RobotsTxtFailureBackoff);
    }
}
