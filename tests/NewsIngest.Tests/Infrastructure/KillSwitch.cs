using Azure.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>
/// Plays <c>kill -9</c> for one in-process run: its <see cref="KillAt"/>-th storage request is the last one storage ever sees
/// from it — carried out with its answer lost, or never sent, as <see cref="CarryOutLast"/> says — and from then on every
/// storage request fails at once and the run's token is cancelled. Whatever the dead run still does in memory (catch blocks,
/// clean-up with <see cref="CancellationToken.None"/>) cannot reach storage, exactly as after a real kill.
/// </summary>
public sealed class KillSwitch(int killAt, bool carryOutLast, CancellationTokenSource process)
{
    private readonly CancellationTokenSource _process = process;
    private int _requests;
    private volatile bool _dead;

    /// <summary>A switch that never fires: a run that lives to the end.</summary>
    public static KillSwitch Never(CancellationTokenSource process) => new(int.MaxValue, false, process);

    public int KillAt => killAt;

    public bool CarryOutLast => carryOutLast;

    /// <summary>Storage requests the run made (or tried), the fatal one included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>True once the run was killed (it made at least <see cref="KillAt"/> storage requests).</summary>
    public bool Fired => _dead;

    /// <summary>Storage clients whose every request passes this switch; few quick retries, so a dead run ends in milliseconds.</summary>
    public StorageAccount Account(string connectionString) =>
        StorageAccount.FromConnectionString(connectionString, options =>
        {
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(20);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
#pragma warning disable CA2000 // The transport owns the handler chain for the life of the run's clients.
            options.Transport = new HttpClientTransport(new HttpClient(new Handler(this) { InnerHandler = new SocketsHttpHandler() }));
#pragma warning restore CA2000
        });

    private sealed class Handler(KillSwitch owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var count = owner._dead ? int.MaxValue : Interlocked.Increment(ref owner._requests);
            if (count > owner.KillAt)
            {
                throw new HttpRequestException("The process was killed.");
            }

            if (count < owner.KillAt)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            owner._dead = true;
            if (owner.CarryOutLast)
            {
                using var lost = await base.SendAsync(request, CancellationToken.None);
            }

            await owner._process.CancelAsync();
            throw new HttpRequestException("The process was killed.");
        }
    }
}
