/**
 * Rewrites every `.js` file of an ncc output folder so the module factories a load will run compile
 * eagerly; returns their ids.
 */
export function compileFactoriesEagerly(dir: string): Set<number>
