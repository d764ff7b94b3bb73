// The Event Grid system topic of the data storage account. ParsePageOnEvent's blob trigger (Source = EventGrid) is fed by
// an event subscription on this topic: BlobCreated in raw-pages, delivered to the app's blobs webhook. The subscription
// needs the app's blobs_extension system key, which exists only once the code is deployed and the host has started, so
// infra/hooks/postdeploy.sh (.ps1) creates it after `azd deploy`, not this template.

@description('Name of the system topic.')
param name string

@description('Azure region (a storage system topic lives in its account\'s region).')
param location string

@description('Tags applied to the topic.')
param tags object = {}

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
