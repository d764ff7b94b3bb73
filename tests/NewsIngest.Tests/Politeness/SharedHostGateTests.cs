using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Politeness;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NewsIngest.Tests.Politeness;

/// <summary>
/// Politeness across instances: several workers, each its own service container (own table client, own HttpClient), as
/// separate Functions instances would be, share one Azurite and read one local site. The site records when each request
/// arrives and how many are in flight.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SharedHostGateTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Workers = 3;
    private const int PerHostConcurrency = 2;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);

    // Longer than PerHostConcurrency × Spacing, so without a shared limit more than two requests would overlap.
    private static readonly TimeSpan ServerTime = TimeSpan.FromMilliseconds(350);

    [Fact]
    public async Task Workers_sharing_the_gate_never_exceed_the_per_host_limit_nor_start_closer_than_the_spacing()
    {
        var site = new MeasuredSite(ServerTime);
        await using var server = await LocalHttpServer.StartAsync(site.HandleAsync);
        var counters = Enumerable.Range(0, Workers).Select(_ => new TableRequestCounter(StorageNames.HostLeasesTable)).ToArray();
        var workers = counters.Select(counter => CreateWorker(counter)).ToArray();
        var booked = new List<(DateTimeOffset Start, string Path)>();
        const int RequestsPerWorker = 6;

        try
        {
            foreach (var services in workers)
            {
                // Each worker opens its connection before the measured requests, so connection set-up is not counted as lateness.
                using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();
                using var warmUp = await client.GetAsync(server.Url(MeasuredSite.WarmUpPath));
            }

            await Task.WhenAll(workers.SelectMany((services, w) => Enumerable.Range(0, RequestsPerWorker).Select(async i =>
            {
                var gate = services.GetRequiredService<SharedHostGate>();
                using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();
                var path = $"/w{w}/p{i}";

                var lease = await gate.AcquireAsync(server.BaseUrl.IdnHost, Spacing, CancellationToken.None);
                try
                {
                    lock (booked)
                    {
                        booked.Add((lease.Start, path));
                    }

                    using var response = await client.GetAsync(server.Url(path));
                    response.EnsureSuccessStatusCode();
                }
                finally
                {
                    await lease.ReleaseAsync();
                }
            })));
        }
        finally
        {
            foreach (var services in workers)
            {
                await services.DisposeAsync();
            }
        }

        var requests = Workers * RequestsPerWorker;
        Assert.Equal(requests, site.Arrivals.Count);
        var bookedGaps = Gaps(booked.Select(b => b.Start));
        var arrivalGaps = Gaps(site.Arrivals.Values);
        // How late each request reached the site after its booked start: thread wake-up, HttpClient and Kestrel dispatch (a timer
        // may also wake a fraction of a millisecond early). Arrivals a, b booked at least the spacing apart are then at least
        // spacing - (lateness of a - lateness of b) apart, so the spread of the measured lateness is the tolerance.
        var lateness = booked.Select(b => site.Arrivals[b.Path] - b.Start).ToList();
        var tolerance = lateness.Max() - lateness.Min();
        var operations = counters.Sum(counter => counter.Requests);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Workers} workers, {requests} requests: max in flight {site.Peak} (limit {PerHostConcurrency}); min booked gap {bookedGaps.Min().TotalMilliseconds:F1} ms, min arrival gap {arrivalGaps.Min().TotalMilliseconds:F1} ms (spacing {Spacing.TotalMilliseconds} ms, max lateness {tolerance.TotalMilliseconds:F1} ms); HostLeases requests {operations}, {(double)operations / requests:F2} per request"));

        Assert.Equal(PerHostConcurrency, site.Peak);
        Assert.All(bookedGaps, gap => Assert.True(gap >= Spacing, $"booked starts {gap.TotalMilliseconds} ms apart"));
        Assert.All(arrivalGaps, gap => Assert.True(gap >= Spacing - tolerance, $"arrivals {gap.TotalMilliseconds} ms apart, tolerance {tolerance.TotalMilliseconds} ms"));
        // Booking and releasing are at least one conditional write each.
        Assert.True(operations >= 2 * requests, $"{operations} table requests for {requests} requests");
    }

    [Fact]
    public async Task PageFetchers_of_separate_instances_with_shared_politeness_on_keep_the_per_host_limit_and_pace_together()
    {
        var site = new MeasuredSite(ServerTime);
        await using var server = await LocalHttpServer.StartAsync(site.HandleAsync);
        var counters = Enumerable.Range(0, Workers).Select(_ => new TableRequestCounter(StorageNames.HostLeasesTable)).ToArray();
        // The production poll interval, so the table requests counted are what a deployment pays.
        var workers = counters.Select(counter => CreateWorker(counter, sharedPoliteness: true, busyPollInterval: null)).ToArray();
        const int PagesPerWorker = 5;

        try
        {
            var results = await Task.WhenAll(workers.SelectMany((services, w) => Enumerable.Range(0, PagesPerWorker).Select(i =>
                services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url($"/w{w}/p{i}"), CancellationToken.None))));
            Assert.All(results, result => Assert.Equal(FetchStatus.Ok, result.Status));
        }
        finally
        {
            foreach (var services in workers)
            {
                await services.DisposeAsync();
            }
        }

        var arrivals = site.Arrivals.Values.Order().ToList();
        var span = arrivals[^1] - arrivals[0];
        var operations = counters.Sum(counter => counter.Requests);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{arrivals.Count} pages through PageFetcher ({Workers} instances): max in flight {site.Peak}, first to last arrival {span.TotalMilliseconds:F0} ms; HostLeases requests {operations}, {(double)operations / arrivals.Count:F2} per page (robots.txt requests included)"));

        Assert.Equal(Workers * PagesPerWorker, arrivals.Count);
        Assert.Equal(PerHostConcurrency, site.Peak);
        // n starts spaced for the whole app take (n - 1) spacings; per-instance politeness alone would allow a third of that.
        // One spacing of slack covers how late the first request may have arrived after its booked start.
        Assert.True(span >= (arrivals.Count - 2) * Spacing, $"{arrivals.Count} pages arrived within {span.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task An_instance_alone_on_a_host_pays_one_table_request_to_book_and_one_to_release_each_request()
    {
        var host = $"alone-{Guid.NewGuid():N}.example";
        var counter = new TableRequestCounter(StorageNames.HostLeasesTable);
        await using var services = CreateWorker(counter, spacing: TimeSpan.Zero);
        var gate = services.GetRequiredService<SharedHostGate>();
        const int Requests = 10;

        for (var i = 0; i < Requests; i++)
        {
            var lease = await gate.AcquireAsync(host, TimeSpan.Zero, CancellationToken.None);
            await lease.ReleaseAsync();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1 instance, {Requests} requests: HostLeases requests {counter.Requests}"));
        // The host's first request also looks the row up and creates it (2 more); after that the instance's own last write
        // is the row's current state, so each booking and each release is a single conditional replace.
        Assert.Equal((2 * Requests) + 2, counter.Requests);
    }

    [Fact]
    public async Task A_slot_held_by_a_vanished_instance_is_free_again_once_its_lease_expires()
    {
        var host = $"vanished-{Guid.NewGuid():N}.example";
        await using var vanished = CreateWorker(counter: null, perHostConcurrency: 1, shortLeases: true);
        await using var survivor = CreateWorker(counter: null, perHostConcurrency: 1, shortLeases: true);

        // The first holder never gives its slot back, as if its instance had been recycled mid-request.
        var abandoned = await vanished.GetRequiredService<SharedHostGate>().AcquireAsync(host, TimeSpan.Zero, CancellationToken.None);
        var next = await survivor.GetRequiredService<SharedHostGate>().AcquireAsync(host, TimeSpan.Zero, CancellationToken.None);
        await next.ReleaseAsync();

        Assert.True(next.Start >= abandoned.Start + ShortLeaseHold, $"taken {next.Start - abandoned.Start} after the abandoned start");
    }

    [Fact]
    public async Task A_released_slot_is_taken_by_another_instance_before_the_lease_would_have_expired()
    {
        var host = $"released-{Guid.NewGuid():N}.example";
        await using var first = CreateWorker(counter: null, perHostConcurrency: 1, shortLeases: true);
        await using var second = CreateWorker(counter: null, perHostConcurrency: 1, shortLeases: true);

        var held = await first.GetRequiredService<SharedHostGate>().AcquireAsync(host, TimeSpan.Zero, CancellationToken.None);
        var waiting = second.GetRequiredService<SharedHostGate>().AcquireAsync(host, TimeSpan.Zero, CancellationToken.None);
        await held.ReleaseAsync();
        var next = await waiting;
        await next.ReleaseAsync();

        Assert.True(next.Start < held.Start + ShortLeaseHold, $"taken {next.Start - held.Start} after the released start");
    }

    // Fetch:TotalTimeout 0.3 s + SharedPoliteness:LeaseMargin 1 s.
    private static TimeSpan ShortLeaseHold => TimeSpan.FromMilliseconds(1300);

    private ServiceProvider CreateWorker(TableRequestCounter? counter, bool sharedPoliteness = false, int perHostConcurrency = PerHostConcurrency, bool shortLeases = false, string? busyPollInterval = "00:00:00.050", TimeSpan? spacing = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:PerHostConcurrency"] = perHostConcurrency.ToString(CultureInfo.InvariantCulture),
            ["NewsIngest:Fetch:MinDelayPerHost"] = (spacing ?? Spacing).ToString("c", CultureInfo.InvariantCulture),
            ["NewsIngest:SharedPoliteness:Enabled"] = sharedPoliteness ? "true" : "false",
        };
        if (busyPollInterval is not null)
        {
            settings["NewsIngest:SharedPoliteness:BusyPollInterval"] = busyPollInterval;
        }

        if (shortLeases)
        {
            settings["NewsIngest:Fetch:AttemptTimeout"] = "00:00:00.300";
            settings["NewsIngest:Fetch:TotalTimeout"] = "00:00:00.300";
            settings["NewsIngest:SharedPoliteness:LeaseMargin"] = "00:00:01";
        }

        return TestServices.Create(azurite.ConnectionString, extra: settings, configure: services =>
        {
            if (counter is not null)
            {
                services.AddSingleton(StorageAccount.FromConnectionString(azurite.ConnectionString, counter.AddTo));
            }
        });
    }

    private static List<TimeSpan> Gaps(IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Zip(sorted.Skip(1), (earlier, later) => later - earlier).ToList();
    }

    /// <summary>The site's side: when each path arrived (wall clock, as the gate books) and the most requests in flight at once.</summary>
    private sealed class MeasuredSite(TimeSpan serverTime)
    {
        private int _inFlight;
        private int _peak;

        public System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> Arrivals { get; } = new(StringComparer.Ordinal);

        public int Peak => Volatile.Read(ref _peak);

        /// <summary>Answered at once and left out of the measurements.</summary>
        public const string WarmUpPath = "/warm-up";

        public async Task HandleAsync(HttpContext context)
        {
            if (context.Request.Path == WarmUpPath)
            {
                return;
            }

            Arrivals[context.Request.Path.Value!] = TimeProvider.System.GetUtcNow();
            var now = Interlocked.Increment(ref _inFlight);
            int current;
            while ((current = Volatile.Read(ref _peak)) < now && Interlocked.CompareExchange(ref _peak, now, current) != current)
            {
            }

            await Task.Delay(serverTime);
            // Out of flight before the response is written, so a client never sees its answer while the site still counts it.
            Interlocked.Decrement(ref _inFlight);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>ok</p></body></html>");
        }
    }
}
