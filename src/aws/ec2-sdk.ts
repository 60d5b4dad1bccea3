// The part of the EC2 SDK the action uses, loaded lazily by clients.ts. It names the SDK's ES-module
// files directly: the package's CommonJS entry is one module holding all ~750 EC2 operations, which
// costs a few hundred milliseconds to evaluate on every run. (jest maps these paths back to the package
// entry, so the unit tests' client mocks patch the same classes.)
export { EC2Client } from '@aws-sdk/client-ec2/dist-es/EC2Client.js'
export { DescribeRegionsCommand } from '@aws-sdk/client-ec2/dist-es/commands/DescribeRegionsCommand.js'
