// Role assignments of one principal on the data storage account. The role definition ids are
// passed in by main.bicep, which names each one in a comment.

@description('Name of the storage account the roles apply to.')
param storageAccountName string

@description('Object (principal) id of the identity that receives the roles.')
param principalId string

@description('A name for the principal known before deployment (not its runtime object id), so the assignment names are stable and What-If can predict them.')
param principalKey string

@description('Kind of principal: ServicePrincipal for a managed identity, User for a person.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string

@description('Ids of the built-in role definitions to assign.')
param roleDefinitionIds string[]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(storage.id, principalKey, roleDefinitionId)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
