/**
 * A set of AWS credentials as the SDK and the exported variables need them. Here, with the clients that
 * sign with them; the providers in auth/ produce them.
 */
export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  /** When temporary credentials stop working. */
  readonly expiration?: Date
}
