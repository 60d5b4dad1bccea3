// Where the harness learns which secrets exist: the fakes register themselves here when they start
// (the fake AWS with its seeded keys and minted sessions, the token server with the tokens it issued)
// and unregister when they close. runMain/runPost ask every registered source, so the secrets the
// checks look for never come from the action's own ::add-mask:: lines.

/** What one step was handed or given while it ran, as seen by a fake. */
export interface HeldSecrets {
  /** Secrets the step held: keys it signed with, sessions minted for it, tokens issued or presented. */
  secrets: string[]
  /** Whether the step talked to this fake at all (so it was past input validation). */
  active: boolean
}

export interface SecretSource {
  /** Every secret value the fake knows: seeded key secrets, minted sessions, issued tokens. */
  secrets(): string[]
  /** Access key ids it knows; they are leak-checked once a step masks them. */
  accessKeyIds(): string[]
  /** Starts watching one step; the returned function says what the step held since then. */
  watch(): () => HeldSecrets
}

const sources = new Set<SecretSource>()

/** Registers a fake; returns the function that unregisters it. */
export function registerSecretSource(source: SecretSource): () => void {
  sources.add(source)
  return () => void sources.delete(source)
}

export function secretSources(): SecretSource[] {
  return [...sources]
}
