using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NewsIngest.Core;
using NewsIngest.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddNewsIngestCore(builder.Configuration);
builder.Services.AddNewsIngestMetricsExport(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
