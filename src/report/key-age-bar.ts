import type { KeyAgeClass } from '../checks/key-age.js'

const CELLS = 30
const FILL: Readonly<Record<KeyAgeClass, string>> = { ok: '🟩', warning: '🟨', expired: '🟥' }
const EMPTY = '⬜'

/**
 * The key's age against both thresholds as a row of squares: each square is a slice of days, coloured by
 * the zone it falls in (green below warn, yellow up to max, red beyond), filled up to the key's age.
 */
export function keyAgeBar(ageDays: number, warnDays: number, maxDays: number): string {
  const scale = Math.max(Math.ceil(maxDays * 1.2), ageDays, 1)
  const perCell = scale / CELLS
  let bar = ''
  for (let cell = 0; cell < CELLS; cell += 1) {
    const day = (cell + 1) * perCell
    if (cell * perCell >= ageDays) bar += EMPTY
    else bar += FILL[day > maxDays ? 'expired' : day > warnDays ? 'warning' : 'ok']
  }
  return bar
}

/** Where the thresholds fall on the bar, for the legend under it. */
export function keyAgeLegend(ageDays: number, warnDays: number, maxDays: number): string {
  return `${ageDays} days old · warn after ${warnDays} · expired after ${maxDays} (CIS 1.14)`
}
