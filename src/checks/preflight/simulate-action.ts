/** The action the permission preflight calls; a denial or an unsupported endpoint names it. */
export const SIMULATE_ACTION = 'iam:SimulatePrincipalPolicy'
