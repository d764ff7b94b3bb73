using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Reliability;

/// <summary>
/// Storage failing under a run — stopped and restarted, or answering 503 — never loses or duplicates a page: the run
/// fails loudly, and the next run completes with every page stored exactly once. Each test has its own Azurite.
/// </summary>
public sealed class StorageFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int GoodPages = 30;
    private const int BadPages = 6;

    private readonly string _location = Path.Combine(Path.GetTempPath(), "newsingest-faults-" + Guid.NewGuid().ToString("N"));
    private string _executable = string.Empty;
    private AzuriteProcess? _azurite;

    public async Task InitializeAsync()
    {
        _executable = AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root.");
        Directory.CreateDirectory(_location);
        _azurite = await AzuriteProcess.StartAsync(_executable, location: _location);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_location, recursive: true);
    }

    [Fact]
    public async Task Azurite_stopped_in_the_middle_of_a_reparse_and_started_again_the_next_run_stores_every_page_exactly_once()
    {
        var (blobPort, queuePort, tablePort) = (_azurite!.BlobPort, _azurite.QueuePort, _azurite.TablePort);
        await using var services = Services(Faults.FastFailingAccount(_azurite.ConnectionString));
        await DropPagesAsync(services);
        var reparser = services.GetRequiredService<PageReparser>();
        var done = 0;
        var stopped = new TaskCompletionSource();
        var progress = new Callback(_ =>
        {
            // The tenth page done stops storage under the other workers, mid-run.
            if (Interlocked.Increment(ref done) == 10)
            {
                _azurite.StopAsync().GetAwaiter().GetResult();
                stopped.SetResult();
            }
        });

        await Assert.ThrowsAnyAsync<Exception>(() => reparser.RunAsync(new ReparseFilter(), progress, CancellationToken.None));
        Assert.True(stopped.Task.IsCompleted);
        await _azurite.DisposeAsync();
        _azurite = await AzuriteProcess.StartAsync(_executable, blobPort, queuePort, tablePort, _location);
        var next = await reparser.RunAsync(new ReparseFilter(), null, CancellationToken.None);

        output.WriteLine($"after the restart: {next}");
        Assert.Equal(GoodPages + BadPages, next.Parsed + next.Rejected + next.Unchanged);
        Assert.InRange(next.Unchanged, 10, GoodPages + BadPages - 1);
        (await StoredPages.TakeAsync(services.GetRequiredService<StorageClients>())).AssertEachPageExactlyOnce(GoodPages, BadPages);
        Assert.Equal(new ReparseSummary(0, 0, GoodPages + BadPages), await reparser.RunAsync(new ReparseFilter(), null, CancellationToken.None));
    }

    [Fact]
    public async Task Storage_answering_503_to_every_fourth_request_is_retried_and_the_run_stores_every_page_exactly_once()
    {
        var injector = new FaultInjector { Every = 4, Enabled = false };
        await using var services = Services(Faults.FastFailingAccount(_azurite!.ConnectionString, injector, maxRetries: 3));
        await DropPagesAsync(services);
        injector.Enabled = true;

        var summary = await services.GetRequiredService<PageReparser>().RunAsync(new ReparseFilter(), null, CancellationToken.None);

        output.WriteLine($"{injector.Injected} 503 answers injected; {summary}");
        Assert.True(injector.Injected > 20, $"only {injector.Injected} faults injected");
        Assert.Equal(GoodPages + BadPages, summary.Parsed + summary.Rejected + summary.Unchanged);
        injector.Enabled = false;
        (await StoredPages.TakeAsync(services.GetRequiredService<StorageClients>())).AssertEachPageExactlyOnce(GoodPages, BadPages);
    }

    [Fact]
    public async Task Storage_answering_503_with_no_retry_fails_the_run_and_the_next_run_stores_every_page_exactly_once()
    {
        // About 15 storage requests per page: the first 503 lands some ten pages into the run.
        var injector = new FaultInjector { Every = 150, Enabled = false };
        await using var services = Services(Faults.FastFailingAccount(_azurite!.ConnectionString, injector, maxRetries: 0));
        await DropPagesAsync(services);
        var reparser = services.GetRequiredService<PageReparser>();
        injector.Enabled = true;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => reparser.RunAsync(new ReparseFilter(), null, CancellationToken.None));
        output.WriteLine($"first run failed after {injector.Injected} injected 503(s): {failure.GetType().Name}");
        injector.Enabled = false;
        var next = await reparser.RunAsync(new ReparseFilter(), null, CancellationToken.None);

        output.WriteLine($"next run: {next}");
        Assert.Equal(GoodPages + BadPages, next.Parsed + next.Rejected + next.Unchanged);
        Assert.True(next.Unchanged > 0, "the failed run should have finished some pages");
        (await StoredPages.TakeAsync(services.GetRequiredService<StorageClients>())).AssertEachPageExactlyOnce(GoodPages, BadPages);
    }

    private static ServiceProvider Services(StorageAccount account) =>
        TestServices.Create(AzuriteProcess.ConnectionStringFor(1, 1, 1), configure: services => services.AddSingleton(account));

    private static async Task DropPagesAsync(ServiceProvider services)
    {
        var raw = services.GetRequiredService<RawPageStore>();
        for (var i = 0; i < GoodPages; i++)
        {
            await raw.DropAsync($"faults.example/page-{i:D2}.html", TestPages.Article($"Article {i}", $"Texte {i}.\n\nSuite {i}."), CancellationToken.None);
        }

        for (var i = 0; i < BadPages; i++)
        {
            await raw.DropAsync($"faults.example/bad-{i}.html", i % 2 == 0 ? [] : Encoding.ASCII.GetBytes("%PDF-1.7"), CancellationToken.None);
        }
    }

    private sealed class Callback(Action<ParseOutcome> report) : IProgress<ParseOutcome>
    {
        public void Report(ParseOutcome value) => report(value);
    }
}
