// The data storage account: the containers, queues and tables the code uses (names passed in by
// main.bicep, which lists exactly NewsIngest.Core.Storage.StorageNames, plus on Flex Consumption the
// container azd deploys the code package to), and the Functions host's own blobs and queues
// (AzureWebJobsStorage). Shared-key access is off: every client, the function app included,
// authenticates with Microsoft Entra ID.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Blob containers to create.')
param containerNames string[]

@description('Queues to create.')
param queueNames string[]

@description('Tables to create.')
param tableNames string[]

@description('Container whose blobs are deleted after deleteAfterDays, and move to the Cool tier after coolAfterDays when that is above 0.')
param agingContainerName string

@description('Days after its last modification before a blob in agingContainerName moves to the Cool tier.')
@minValue(1)
param coolAfterDays int

@description('Days after its last modification before a blob in agingContainerName is deleted; more than coolAfterDays when that is set.')
@minValue(2)
param deleteAfterDays int

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'age-raw-pages'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${agingContainerName}/'
              ]
            }
            actions: {
              baseBlob: union(
                {
                  delete: {
                    daysAfterModificationGreaterThan: deleteAfterDays
                  }
                },
                coolAfterDays > 0
                  ? {
                      tierToCool: {
                        daysAfterModificationGreaterThan: coolAfterDays
                      }
                    }
                  : {}
              )
            }
          }
        }
      ]
    }
  }
}

output id string = storage.id
output name string = storage.name
output blobServiceUri string = storage.properties.primaryEndpoints.blob
output queueServiceUri string = storage.properties.primaryEndpoints.queue
output tableServiceUri string = storage.properties.primaryEndpoints.table
