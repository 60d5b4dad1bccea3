/** Minifies every lazily loaded chunk (`<id>.index.js`) of an ncc output folder in place. */
export function minifyChunks(dir: string): Promise<void>
