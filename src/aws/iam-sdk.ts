// The part of the IAM SDK the action uses, loaded lazily by clients.ts (see ec2-sdk.ts for why the
// ES-module files are named directly).
export { IAMClient } from '@aws-sdk/client-iam/dist-es/IAMClient.js'
export { ListUsersCommand } from '@aws-sdk/client-iam/dist-es/commands/ListUsersCommand.js'
export { paginateListUsers } from '@aws-sdk/client-iam/dist-es/pagination/ListUsersPaginator.js'
export { ListAccessKeysCommand } from '@aws-sdk/client-iam/dist-es/commands/ListAccessKeysCommand.js'
export { GetAccessKeyLastUsedCommand } from '@aws-sdk/client-iam/dist-es/commands/GetAccessKeyLastUsedCommand.js'
export { GenerateCredentialReportCommand } from '@aws-sdk/client-iam/dist-es/commands/GenerateCredentialReportCommand.js'
export { GetCredentialReportCommand } from '@aws-sdk/client-iam/dist-es/commands/GetCredentialReportCommand.js'
export { GetAccountSummaryCommand } from '@aws-sdk/client-iam/dist-es/commands/GetAccountSummaryCommand.js'
export { CreateAccessKeyCommand } from '@aws-sdk/client-iam/dist-es/commands/CreateAccessKeyCommand.js'
export { UpdateAccessKeyCommand } from '@aws-sdk/client-iam/dist-es/commands/UpdateAccessKeyCommand.js'
export { DeleteAccessKeyCommand } from '@aws-sdk/client-iam/dist-es/commands/DeleteAccessKeyCommand.js'
