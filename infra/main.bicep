// NewsIngest on Azure: one resource group holding the data storage account (with an Event Grid system
// topic for raw-pages), a user-assigned managed identity with data roles on it, Application Insights on
// Log Analytics, and the function app on Flex Consumption (Elastic Premium through planSku). See
// docs/deployment.md for why this plan and what each choice costs.
//
// azd runs it with infra/main.parameters.json, then infra/hooks/postdeploy.* subscribes ParsePageOnEvent
// to the topic; without azd:
//   az deployment sub create --location <region> --template-file infra/main.bicep \
//     --parameters environmentName=<name> location=<region> feedUrls='https://example.org/rss'

targetScope = 'subscription'

@description('Name of the environment (azd: AZURE_ENV_NAME); names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region of every resource. Flex Consumption runs in most regions: `az functionapp list-flexconsumption-locations` lists them.')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Plan SKU: FC1 is Flex Consumption (scales to zero, no key anywhere); EP1-EP3 are Elastic Premium (one warm instance, billed when idle, one account key for its content share).')
@allowed([
  'FC1'
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'FC1'

@description('Flex Consumption: most instances the app scales out to (1-1000). Each instance fetches politely through the shared HostLeases table, so more instances add throughput across hosts, never load on one host.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory per instance in MB (512, 2048 or 4096); CPU and bandwidth scale with it. 512: a fetched article takes about 6 ms of CPU and extractions run one per core, so a quarter core keeps up with 1 million articles a day at a quarter of the 2048 MB price (docs/cost.md).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 512

@description('Elastic Premium: most instances the plan bursts to (each billed while allocated).')
@minValue(1)
@maxValue(100)
param premiumMaximumWorkers int = 3

@description('NCRONTAB schedule of FetchFeeds (app setting FeedSchedule): second minute hour day month day-of-week.')
param feedSchedule string = '0 */15 * * * *'

@description('Comma-separated feed URLs; each becomes app setting NewsIngest__Feeds__<index>. Empty: no feeds.')
param feedUrls string = ''

@description('Days after which a page in raw-pages moves to the Cool tier; 0: it stays Hot. Default 0: each move is a write billed at the Cool rate, which costs more than a page of about 150 KB saves in Cool before it is deleted (docs/cost.md).')
@minValue(0)
param rawPagesCoolAfterDays int = 0

@description('Days after which a page in raw-pages is deleted (more than rawPagesCoolAfterDays when that is set). `newsingest reparse` can re-extract only pages still kept.')
@minValue(2)
param rawPagesDeleteAfterDays int = 90

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
  'HostLeases'
]
var rawPagesContainerName = 'raw-pages'

// The two ParsePage functions (NewsIngest.Functions.ParsePage): the Event Grid one runs in the cloud, the polling one
// (the only one Azurite can trigger) is disabled here, and the other way round in local.settings.example.json.
var parsePageOnEventName = 'ParsePageOnEvent'
var parsePageOnScanName = 'ParsePageOnScan'

var isFlex = planSku == 'FC1'
// Flex Consumption reads its code package from this container of the data account, with the app's identity.
var deploymentContainerName = 'app-package'

// Roles of the function app's identity on the data storage account.
var appRoleDefinitionIds = [
  // Storage Blob Data Owner: the raw-pages/articles blobs, the host's blobs and, on Flex, the deployment package.
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Queue Data Contributor: page-requests and its poison queue, and the blob trigger's own queues (the Event Grid
  // source hands each event to an internal queue, as the official Event Grid sample's queue role shows).
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: the Articles, ArticlesByDay, FeedState, Rejections, PageClaims and HostLeases tables.
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // No Storage Account Contributor (it can read the account keys): only the polling blob trigger needs it, and the
  // cloud runs the Event Grid one.
]

// Roles of the deploying person, so that `az storage ... --auth-mode login` works (shared keys are off).
var userRoleDefinitionIds = [
  // Storage Blob Data Contributor: upload pages to raw-pages, read articles.
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Storage Queue Data Contributor: peek and requeue page requests.
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: query Articles, ArticlesByDay, FeedState, Rejections, PageClaims, HostLeases.
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
var functionAppName = 'func-${resourceToken}'
var feedUrlList = filter(map(split(feedUrls, ','), url => trim(url)), url => !empty(url))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
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
    containerNames: isFlex ? concat(containerNames, [deploymentContainerName]) : containerNames
    queueNames: queueNames
    tableNames: tableNames
    agingContainerName: rawPagesContainerName
    coolAfterDays: rawPagesCoolAfterDays
    deleteAfterDays: rawPagesDeleteAfterDays
  }
}

module events 'app/events.bicep' = {
  name: 'events'
  scope: resourceGroup
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storageAccountName
  }
  dependsOn: [
    storage
  ]
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

// Settings of every plan. Storage is identity-based: Core reads the same AzureWebJobsStorage section, so one set of
// settings serves the bindings and the clients. accountName sits beside the service URIs because with the URIs alone
// the host can fail to build its blob client at start-up (azure-functions-host issue 11787).
var appSettings = concat(
  [
    {
      name: 'AzureWebJobsStorage__credential'
      value: 'managedidentity'
    }
    {
      name: 'AzureWebJobsStorage__clientId'
      value: identity.outputs.clientId
    }
    {
      name: 'AzureWebJobsStorage__accountName'
      value: storage.outputs.name
    }
    {
      name: 'AzureWebJobsStorage__blobServiceUri'
      value: storage.outputs.blobServiceUri
    }
    {
      name: 'AzureWebJobsStorage__queueServiceUri'
      value: storage.outputs.queueServiceUri
    }
    {
      name: 'AzureWebJobsStorage__tableServiceUri'
      value: storage.outputs.tableServiceUri
    }
    {
      name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
      value: monitoring.outputs.connectionString
    }
    {
      name: 'FeedSchedule'
      value: feedSchedule
    }
    // The cloud parses on Event Grid events; the polling twin would scan raw-pages and keep a receipt per blob.
    {
      name: 'AzureWebJobs.${parsePageOnScanName}.Disabled'
      value: 'true'
    }
    // Instances scale out, so per-host politeness must hold for all of them together (SharedHostGate).
    {
      name: 'NewsIngest__SharedPoliteness__Enabled'
      value: 'true'
    }
  ],
  map(range(0, length(feedUrlList)), index => {
    name: 'NewsIngest__Feeds__${index}'
    value: feedUrlList[index]
  })
)

module flexApp 'app/flex-functionapp.bicep' = if (isFlex) {
  name: 'functionapp-flex'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'functions'
    identityId: identity.outputs.id
    deploymentContainerUrl: '${storage.outputs.blobServiceUri}${deploymentContainerName}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: appSettings
  }
  // Start the app only once its identity can reach storage, or its first start fails on 403s.
  dependsOn: [
    appRoles
  ]
}

module premiumApp 'app/premium-functionapp.bicep' = if (!isFlex) {
  name: 'functionapp-premium'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    contentStorageAccountName: 'stfn${resourceToken}'
    location: location
    tags: tags
    serviceName: 'functions'
    planSku: planSku
    maximumWorkers: premiumMaximumWorkers
    identityId: identity.outputs.id
    appSettings: appSettings
  }
  dependsOn: [
    appRoles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTION_APP_NAME string = isFlex ? flexApp!.outputs.name : premiumApp!.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
// Read by infra/hooks/postdeploy.*, which subscribes the Event Grid function to raw-pages' BlobCreated events.
output AZURE_RAW_PAGES_TOPIC_NAME string = events.outputs.name
output AZURE_RAW_PAGES_CONTAINER string = rawPagesContainerName
output AZURE_PARSE_PAGE_FUNCTION string = parsePageOnEventName
