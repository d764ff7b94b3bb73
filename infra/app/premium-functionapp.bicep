// The function app on an Elastic Premium plan (EP1-EP3, Windows, .NET 10 isolated): at least one instance always warm.
// Premium keeps the app's files on an Azure Files content share, mounted through WEBSITE_CONTENTAZUREFILECONNECTIONSTRING,
// and that setting takes only a connection string with an account key (Azure Files has no identity-based mount here). So
// the share lives in a storage account of its own: the one key in the app settings opens the app's code, never the data.

@description('Name of the function app; also names its content share.')
@minLength(3)
@maxLength(60)
param name string

@description('Name of the Elastic Premium plan.')
param planName string

@description('Name of the storage account that holds only the content share (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param contentStorageAccountName string

@description('Azure region.')
param location string

@description('Tags applied to every resource here.')
param tags object = {}

@description('azd service name from azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string

@description('Plan SKU: EP1 (1 core, 3.5 GB), EP2 (2 cores, 7 GB) or EP3 (4 cores, 14 GB); main.bicep allows only these.')
param planSku string

@description('Most instances the plan bursts to; each one is billed while allocated.')
@minValue(1)
@maxValue(100)
param maximumWorkers int

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('App settings, name and value, shared with the other plans (see main.bicep).')
param appSettings object[]

var contentShareName = toLower(name)

resource contentStorage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
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

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-06-01' = {
  parent: contentStorage
  name: 'default'
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-06-01' = {
  parent: fileService
  name: contentShareName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    // false = Windows, where .NET 10 isolated runs with netFrameworkVersion below.
    reserved: false
    maximumElasticWorkerCount: maximumWorkers
  }
}

var contentShareConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${contentStorage.name};AccountKey=${contentStorage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

var premiumAppSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'dotnet-isolated'
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
]

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
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
      appSettings: concat(premiumAppSettings, appSettings)
    }
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
