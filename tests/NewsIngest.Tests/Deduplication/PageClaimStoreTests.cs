using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Deduplication;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Deduplication;

/// <summary>The PageClaims table against Azurite: each canonical URL is claimed once, in bulk or one by one.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PageClaimStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_bulk_claim_with_some_urls_taken_claims_exactly_the_others_and_a_second_bulk_claim_gets_none()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var claims = services.GetRequiredService<PageClaimStore>();
        var host = $"claims-{Guid.NewGuid():N}.example";
        var urls = Enumerable.Range(0, 130).Select(i => new Uri($"https://{host}/article/{i}")).ToList();
        foreach (var taken in urls.Take(5))
        {
            Assert.True(await claims.TryClaimAsync(taken, null, CancellationToken.None));
        }

        var first = await claims.TryClaimManyAsync(urls, null, CancellationToken.None);
        var second = await claims.TryClaimManyAsync(urls, null, CancellationToken.None);

        Assert.Equal(urls.Skip(5).Select(u => u.AbsoluteUri).Order(), first.Claimed.Select(u => u.AbsoluteUri).Order());
        Assert.Empty(second.Claimed);
        Assert.Empty(second.TakenOver);
        Assert.Equal(urls.Count, second.Held); // all within their lease: held, not finished, not taken over
    }

    [Fact]
    public async Task Tracking_variants_of_one_url_are_one_claim()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var claims = services.GetRequiredService<PageClaimStore>();
        var host = $"claims-{Guid.NewGuid():N}.example";

        Assert.True(await claims.TryClaimAsync(new Uri($"https://{host}/a?utm_source=rss#top"), null, CancellationToken.None));
        Assert.False(await claims.TryClaimAsync(new Uri($"HTTPS://{host.ToUpperInvariant()}:443/a?fbclid=1"), null, CancellationToken.None));
    }
}
