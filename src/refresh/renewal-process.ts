import type { AwsCredentials } from '../auth/credentials.js'
import { setUpNetwork } from '../aws/http-agent.js'
import { receiveFromParent } from './parent-pipe.js'
import type { RefreshPlan } from './refresh-plan.js'
import { isRefusedForGood, renewByRoute } from './renew-route.js'

/** What a renewal process answers on its pipe: a session (its expiry as epoch ms) or why not. */
export type RenewalAnswer =
  | { readonly credentials: Omit<AwsCredentials, 'expiration'>; readonly expiresAt?: number }
  | { readonly error: string; readonly permanent: boolean }

/** One renewal by the plan's route; every failure becomes an answer (an Error does not cross the pipe). */
export async function renewOnce(plan: RefreshPlan): Promise<RenewalAnswer> {
  try {
    // The proxy settings came through the pipe with the rest: this process's environment holds none.
    for (const [name, value] of Object.entries(plan.env)) {
      if (/_proxy$/i.test(name)) process.env[name] = value
    }
    await setUpNetwork(plan.settings)
    const { expiration, ...credentials } = await renewByRoute(plan)
    return { credentials, expiresAt: expiration?.getTime() }
  } catch (error) {
    return {
      error: error instanceof Error ? error.message : String(error),
      permanent: isRefusedForGood(error)
    }
  }
}

/**
 * A renewal process (`dist/refresh/index.js --renew`, started by the endpoint for each renewal): takes
 * the plan from its pipe, renews once, answers and exits. The AWS SDK loads here, never in the endpoint,
 * so the endpoint that lives for the whole job stays small and its event loop never waits on the SDK.
 */
export async function runRenewal(): Promise<void> {
  const plan = await receiveFromParent<RefreshPlan>()
  // The endpoint stopped (the post step, or its own end) while this renewal was out: nobody wants it.
  process.once('disconnect', () => process.exit(0))
  const answer = await renewOnce(plan)
  process.send?.(answer, () => process.exit(0))
}
