import { createHash } from 'node:crypto'
import type { AuditShard } from '../../inputs/settings.js'

/**
 * The shard (1…count) an account belongs to: a hash of its id, so every matrix job computes the same
 * split from its own listing, and an account keeps its shard when others join or leave the organization
 * (a slice of the sorted list would move every account after the newcomer). Pure.
 */
export function shardOfAccount(accountId: string, count: number): number {
  return (createHash('sha256').update(accountId).digest().readUInt32BE(0) % count) + 1
}

/** The accounts the shard audits, in the listing's order. */
export function selectShard<T extends { readonly id: string }>(
  accounts: readonly T[],
  shard: AuditShard
): T[] {
  return accounts.filter(account => shardOfAccount(account.id, shard.count) === shard.index)
}

export function formatShard(shard: AuditShard): string {
  return `${shard.index}/${shard.count}`
}
