import { describe, expect, it } from '@jest/globals'
import { formatShard, selectShard, shardOfAccount } from '../../../src/audit/organization/shard.js'

const accounts = Array.from({ length: 1000 }, (_, i) => ({ id: String(100000000000 + i * 7919) }))

describe('shard', () => {
  it.each([1, 2, 3, 7, 16])('puts every account in exactly one of %i shards', count => {
    const slices = Array.from({ length: count }, (_, i) => selectShard(accounts, { index: i + 1, count }))
    const ids = slices.flat().map(a => a.id)
    expect(ids.sort()).toEqual(accounts.map(a => a.id).sort())
  })

  it('spreads accounts evenly enough', () => {
    const sizes = [1, 2, 3, 4].map(index => selectShard(accounts, { index, count: 4 }).length)
    for (const size of sizes) expect(size).toBeGreaterThan(200)
    for (const size of sizes) expect(size).toBeLessThan(300)
  })

  it("keeps an account's shard when others join the organization or are listed in another order", () => {
    const before = new Map(accounts.map(a => [a.id, shardOfAccount(a.id, 5)]))
    const grown = [{ id: '999999999999' }, ...accounts].reverse()
    for (const index of [1, 2, 3, 4, 5]) {
      for (const a of selectShard(grown, { index, count: 5 })) {
        if (before.has(a.id)) expect(before.get(a.id)).toBe(index)
      }
    }
  })

  it('formats as i/n', () => {
    expect(formatShard({ index: 2, count: 3 })).toBe('2/3')
  })
})
