#!/bin/sh
# azd postdeploy hook (POSIX): subscribes ParsePageOnEvent to BlobCreated events of raw-pages.
#
# The Event Grid blob trigger receives events on https://<app>/runtime/webhooks/blobs, authorised by the app's
# blobs_extension system key. That key exists only once the deployed host has started and indexed the trigger, so the
# subscription cannot be part of infra/main.bicep: this script waits for the key, then creates (or updates) the
# subscription on the system topic main.bicep made. Running it again is harmless. Needs the Azure CLI, signed in.
# Inputs: the azd environment's values, i.e. main.bicep's outputs.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd, or export the outputs of infra/main.bicep}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_RAW_PAGES_TOPIC_NAME:?}"
: "${AZURE_RAW_PAGES_CONTAINER:?}"
: "${AZURE_PARSE_PAGE_FUNCTION:?}"

if ! command -v az >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI (az) is required to subscribe ParsePageOnEvent to raw-pages events." >&2
  exit 1
fi

# The host creates the key when it first starts after the deployment: give it up to five minutes.
key=""
attempt=0
while [ -z "$key" ] && [ "$attempt" -lt 30 ]; do
  key=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  if [ -z "$key" ]; then
    attempt=$((attempt + 1))
    echo "postdeploy: waiting for the app's blobs_extension key ($attempt/30)..."
    sleep 10
  fi
done
if [ -z "$key" ]; then
  echo "postdeploy: no blobs_extension key after five minutes; is the app running? Run this script again once it is." >&2
  exit 1
fi

host=$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
  --query defaultHostName --output tsv)
endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${AZURE_PARSE_PAGE_FUNCTION}&code=${key}"

# Fetched pages are parsed by FetchPage, which marks their upload's client request id (FetchedUploads.RequestIdPrefix
# in NewsIngest.Core): the filter drops their events, so only pages uploaded some other way (by hand) reach the trigger.
# The endpoint carries the key: --output none keeps it out of the log.
az eventgrid system-topic event-subscription create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$AZURE_RAW_PAGES_TOPIC_NAME" \
  --name "${AZURE_RAW_PAGES_CONTAINER}-created" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${AZURE_RAW_PAGES_CONTAINER}/blobs/" \
  --advanced-filter data.clientRequestId StringNotBeginsWith newsingest-fetched- \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none

echo "postdeploy: BlobCreated events of ${AZURE_RAW_PAGES_CONTAINER} now reach ${AZURE_PARSE_PAGE_FUNCTION}."
