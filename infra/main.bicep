// NewsIngest on Azure: one resource group holding the data storage account, a user-assigned
// managed identity with data roles on it, Application Insights on Log Analytics, and the function
// app on a Windows Consumption plan (Elastic Premium through planSku). See docs/deployment.md for
// why this plan and what each choice costs.
//
// azd runs it with infra/main.parameters.json; without azd:
//   az deployment sub create --location <region> --template-file infra/main.bicep \
//     --parameters environmentName=<name> location=<region> feedUrls='https://example.org/rss'

targetScope = 'subscription'

@description('Name of the environment (azd: AZURE_ENV_NAME); names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region of every resource.')
@minLength(1)
param location string

@description('Plan SKU: Y1 is Consumption (free when idle); EP1-EP3 are Elastic Premium (one warm instance, billed when idle).')
@allowed([
  'Y1'
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'Y1'

@description('NCRONTAB schedule of FetchFeeds (app setting FeedSchedule): second minute hour day month day-of-week.')
param feedSchedule string = '0 */15 * * * *'

@description('Comma-separated feed URLs; each becomes app setting NewsIngest__Feeds__<index>. Empty: no feeds.')
param feedUrls string = ''

@description('Days after which a page in raw-pages moves to the Cool tier.')
@minValue(1)
param rawPagesCoolAfterDays int = 30

@description('Object id of the person deploying (azd: AZURE_PRINCIPAL_ID). When set, they get data roles to upload pages and read results with --auth-mode login. Empty: no roles for people.')
param principalId string = ''

@description('Kind of principalId: User for a person, ServicePrincipal for a CI identity.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

// The storage names the code uses. They must equal NewsIngest.Core.Storage.StorageNames:
// tests/NewsIngest.Tests/Infra asserts it on the compiled template. The runtime creates the
// poison queue (page-requests-poison) and its own azure-webjobs-* containers and queues itself.
var containerNames = [
  'raw-pages'
  'articles'
]
var queueNames = [
  'page-requests'
]
var tableNames = [
  'Articles'
  'ArticlesByDay'
  'FeedState'
  'Rejections'
  'PageClaims'
]
var rawPagesContainerName = 'raw-pages'

// Roles of the function app's identity on the data storage account.
var appRoleDefinitionIds = [
  // Storage Blob Data Owner: the raw-pages/articles blobs, the blob trigger's receipts and the host's blobs.
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Queue Data Contributor: page-requests, its poison queue, the blob trigger's internal queue.
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: the Articles, ArticlesByDay, FeedState, Rejections and PageClaims tables.
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Storage Account Contributor: the polling blob trigger on an identity-based AzureWebJobsStorage needs it.
  '17d1049b-9a84-46fb-8f53-869881c3d3ab'
]

// Roles of the deploying person, so that `az storage ... --auth-mode login` works (shared keys are off).
var userRoleDefinitionIds = [
  // Storage Blob Data Contributor: upload pages to raw-pages, read articles.
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Storage Queue Data Contributor: peek and requeue page requests.
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: query Articles, ArticlesByDay, FeedState, Rejections, PageClaims.
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

// uniqueString is 13 lowercase base-32 characters: every name below stays within its length limit.
var resourceToken = uniqueString(subscription().id, environmentName, location)
var storageAccountName = 'st${resourceToken}'
var identityName = 'id-${resourceToken}'
var tags = {
  'azd-env-name': environmentName
  application: 'newsingest'
}
var feedUrlList = filter(map(split(feedUrls, ','), url => trim(url)), url => !empty(url))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: containerNames
    queueNames: queueNames
    tableNames: tableNames
    coolTierContainerName: rawPagesContainerName
    coolAfterDays: rawPagesCoolAfterDays
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module appRoles 'app/rbac.bicep' = {
  name: 'app-roles'
  scope: resourceGroup
  params: {
    storageAccountName: storageAccountName
    principalId: identity.outputs.principalId
    principalKey: identityName
    principalType: 'ServicePrincipal'
    roleDefinitionIds: appRoleDefinitionIds
  }
  dependsOn: [
    storage
  ]
}

module userRoles 'app/rbac.bicep' = if (!empty(principalId)) {
  name: 'user-roles'
  scope: resourceGroup
  params: {
    storageAccountName: storageAccountName
    principalId: principalId
    principalKey: principalId
    principalType: principalType
    roleDefinitionIds: userRoleDefinitionIds
  }
  dependsOn: [
    storage
  ]
}

module functionApp 'app/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    contentStorageAccountName: 'stfn${resourceToken}'
    location: location
    tags: tags
    serviceName: 'functions'
    planSku: planSku
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    feedSchedule: feedSchedule
    feedUrls: feedUrlList
  }
  // Start the app only once its identity can reach storage, or its first start fails on 403s.
  dependsOn: [
    appRoles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
