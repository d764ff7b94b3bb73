// The function app on the Flex Consumption plan (FC1): Linux, .NET 10 isolated, scale to zero. Nothing here holds or reads
// a key: Flex has no content share, and azd deploys the code package to a blob container that the app reads with its
// user-assigned identity (functionAppConfig.deployment).

@description('Name of the function app.')
@minLength(3)
@maxLength(60)
param name string

@description('Name of the Flex Consumption plan (one app per plan).')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to every resource here.')
param tags object = {}

@description('azd service name from azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string

@description('Resource id of the user-assigned managed identity the app runs as and reads its package with.')
param identityId string

@description('URL of the blob container holding the deployment package (https://<account>.blob.core.windows.net/<container>).')
param deploymentContainerUrl string

@description('Most instances the app scales out to (Flex allows up to 1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB; CPU and network scale with it (512: 0.25 core, 2048: 1 core, 4096: 2 cores).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('App settings, name and value, shared with the other plans (see main.bicep).')
param appSettings object[]

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // true = Linux, the only OS of Flex Consumption.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Replaces FUNCTIONS_WORKER_RUNTIME and netFrameworkVersion, which Flex rejects.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: appSettings
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
