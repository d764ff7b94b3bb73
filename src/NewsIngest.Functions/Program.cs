using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NewsIngest.Core;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddNewsIngestCore(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
