import { describe, expect, it } from '@jest/globals'
import { keyAgeBar } from '../../src/report/key-age-bar.js'

const count = (bar: string, square: string) => bar.split(square).length - 1

describe('key-age-bar.ts', () => {
  it('fills green only for a young key', () => {
    const bar = keyAgeBar(10, 75, 90)
    expect(count(bar, '🟩')).toBeGreaterThan(0)
    expect(count(bar, '🟨') + count(bar, '🟥')).toBe(0)
    expect(count(bar, '🟩') + count(bar, '⬜')).toBe(30)
  })

  it('reaches into yellow past the warning threshold and red past the maximum', () => {
    expect(count(keyAgeBar(80, 75, 90), '🟨')).toBeGreaterThan(0)
    expect(count(keyAgeBar(80, 75, 90), '🟥')).toBe(0)
    expect(count(keyAgeBar(100, 75, 90), '🟥')).toBeGreaterThan(0)
  })

  it('fills every square when the key is older than the scale', () => {
    expect(count(keyAgeBar(1000, 75, 90), '⬜')).toBe(0)
  })
})
