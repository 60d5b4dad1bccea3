// The part of the Organizations SDK the organization audit uses, loaded lazily by clients.ts (see
// ec2-sdk.ts for why the ES-module files are named directly).
export { OrganizationsClient } from '@aws-sdk/client-organizations/dist-es/OrganizationsClient.js'
export { paginateListAccounts } from '@aws-sdk/client-organizations/dist-es/pagination/ListAccountsPaginator.js'
