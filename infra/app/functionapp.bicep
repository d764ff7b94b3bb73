// The function app (.NET 10 isolated worker, Windows) and its plan, plus the small storage account
// that holds only the plan's Azure Files content share. The Consumption and Elastic Premium plans
// mount that share with an account key (they cannot mount it with an identity), so it lives in an
// account of its own: the one key in the app settings opens the app's code, never the data.

@description('Name of the function app; also names its content share.')
@minLength(3)
@maxLength(60)
param name string

@description('Name of the App Service plan.')
param planName string

@description('Name of the storage account that holds the content share (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param contentStorageAccountName string

@description('Azure region.')
param location string

@description('Tags applied to every resource here.')
param tags object = {}

@description('azd service name from azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string

@description('Plan SKU: Y1 is Consumption (free when idle); EP1-EP3 are Elastic Premium (always one warm instance, billed when idle).')
@allowed([
  'Y1'
  'EP1'
  'EP2'
  'EP3'
])
param planSku string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity, for AzureWebJobsStorage__clientId.')
param identityClientId string

@description('Blob endpoint of the data storage account.')
param blobServiceUri string

@description('Queue endpoint of the data storage account.')
param queueServiceUri string

@description('Table endpoint of the data storage account.')
param tableServiceUri string

@description('Application Insights connection string (an ingestion endpoint and key, not a storage secret).')
param applicationInsightsConnectionString string

@description('NCRONTAB schedule of FetchFeeds (app setting FeedSchedule).')
param feedSchedule string

@description('Feed URLs, one app setting NewsIngest__Feeds__<index> each.')
param feedUrls string[]

var isConsumption = planSku == 'Y1'
var contentShareName = toLower(name)

resource contentStorage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: contentStorageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The content share is mounted with the account key: shared-key access must stay on here.
    allowSharedKeyAccess: true
    allowCrossTenantReplication: false
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2024-01-01' = {
  parent: contentStorage
  name: 'default'
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2024-01-01' = {
  parent: fileService
  name: contentShareName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isConsumption ? 'functionapp' : 'elastic'
  sku: isConsumption
    ? {
        name: 'Y1'
        tier: 'Dynamic'
      }
    : {
        name: planSku
        tier: 'ElasticPremium'
      }
  properties: {
    // false = Windows. .NET 10 isolated runs on Windows Consumption, not on Linux Consumption.
    reserved: false
    maximumElasticWorkerCount: isConsumption ? null : 3
  }
}

var contentShareConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${contentStorage.name};AccountKey=${contentStorage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

var baseAppSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'dotnet-isolated'
  }
  // Host storage and the code's storage clients: identity-based, no key. Core reads the same
  // AzureWebJobsStorage section, so one set of settings serves the bindings and the clients.
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: blobServiceUri
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: queueServiceUri
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: tableServiceUri
  }
  // The plan's content share: the only setting allowed to hold an account key (see the header).
  {
    name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
    value: contentShareConnectionString
  }
  {
    name: 'WEBSITE_CONTENTSHARE'
    value: contentShare.name
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '1'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
  {
    name: 'FeedSchedule'
    value: feedSchedule
  }
]

var feedAppSettings = [
  for (url, index) in feedUrls: {
    name: 'NewsIngest__Feeds__${index}'
    value: url
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      netFrameworkVersion: 'v10.0'
      use32BitWorkerProcess: false
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: concat(baseAppSettings, feedAppSettings)
    }
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output contentStorageAccountName string = contentStorage.name
