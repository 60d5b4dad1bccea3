import type { CheckName } from '../inputs/settings.js'
import type { Service } from './expected-endpoint.js'

/** The service a check calls, and whether the head start opens a connection for it ahead of the call. */
export interface CheckService {
  readonly service: Service
  /**
   * Counted by the head start's plan (main/head-start.ts): a connection to the service is opened before the
   * pipeline loads. STS is planned for every run whatever the checks, and key-age only when a stored
   * long-lived key gives it something to age.
   */
  readonly openedAhead: boolean
}

/**
 * Which check calls which service: the one table the head start (connections opened ahead) and the
 * client preload (aws/clients.ts: which SDK modules to start loading) read. Pure data, SDK-free: the
 * entry chunk holds it.
 */
export const CHECK_SERVICES: Readonly<Record<CheckName, CheckService>> = {
  identity: { service: 'sts', openedAhead: false },
  regions: { service: 'ec2', openedAhead: true },
  users: { service: 'iam', openedAhead: true },
  'key-age': { service: 'iam', openedAhead: true },
  permissions: { service: 'iam', openedAhead: false },
  escalation: { service: 'iam', openedAhead: false }
}

/** The services the selected checks call. */
export function servicesOf(checks: readonly CheckName[]): ReadonlySet<Service> {
  return new Set(checks.map(name => CHECK_SERVICES[name].service))
}
