# azd postdeploy hook (PowerShell): subscribes ParsePageOnEvent to BlobCreated events of raw-pages.
#
# The same steps as postdeploy.sh, for Windows: wait for the app's blobs_extension system key (it exists only once the
# deployed host has started), then create or update the Event Grid subscription that delivers raw-pages' BlobCreated
# events to https://<app>/runtime/webhooks/blobs. Running it again is harmless. Needs the Azure CLI, signed in.
# Inputs: the azd environment's values, i.e. main.bicep's outputs.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_RAW_PAGES_TOPIC_NAME', 'AZURE_RAW_PAGES_CONTAINER', 'AZURE_PARSE_PAGE_FUNCTION') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "postdeploy: $name is not set; run through azd, or set the outputs of infra/main.bicep."
    }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'postdeploy: the Azure CLI (az) is required to subscribe ParsePageOnEvent to raw-pages events.'
}

$group = $env:AZURE_RESOURCE_GROUP
$app = $env:AZURE_FUNCTION_APP_NAME
$container = $env:AZURE_RAW_PAGES_CONTAINER

# The host creates the key when it first starts after the deployment: give it up to five minutes.
$key = ''
for ($attempt = 1; $attempt -le 30 -and -not $key; $attempt++) {
    $key = az functionapp keys list --resource-group $group --name $app --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if (-not $key) {
        Write-Host "postdeploy: waiting for the app's blobs_extension key ($attempt/30)..."
        Start-Sleep -Seconds 10
    }
}
if (-not $key) {
    throw 'postdeploy: no blobs_extension key after five minutes; is the app running? Run this script again once it is.'
}

$hostName = az functionapp show --resource-group $group --name $app --query defaultHostName --output tsv
$endpoint = "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$($env:AZURE_PARSE_PAGE_FUNCTION)&code=$key"

# Fetched pages are parsed by FetchPage, which marks their upload's client request id (FetchedUploads.RequestIdPrefix
# in NewsIngest.Core): the filter drops their events, so only pages uploaded some other way (by hand) reach the trigger.
# The endpoint carries the key: --output none keeps it out of the log.
az eventgrid system-topic event-subscription create `
    --resource-group $group `
    --system-topic-name $env:AZURE_RAW_PAGES_TOPIC_NAME `
    --name "$container-created" `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$container/blobs/" `
    --advanced-filter data.clientRequestId StringNotBeginsWith newsingest-fetched- `
    --max-delivery-attempts 30 `
    --event-ttl 1440 `
    --output none
if ($LASTEXITCODE -ne 0) {
    throw "postdeploy: creating the Event Grid subscription failed (exit code $LASTEXITCODE)."
}

Write-Host "postdeploy: BlobCreated events of $container now reach $($env:AZURE_PARSE_PAGE_FUNCTION)."
