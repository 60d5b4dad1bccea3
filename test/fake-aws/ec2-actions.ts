// EC2: DescribeRegions, with opt-in regions omitted unless AllRegions=true, as AWS does.
import { requireIdentity, type ActionHandler } from './action-context.js'
import { requireAllowed } from './permissions.js'

function indexedValues(params: URLSearchParams, name: string): string[] {
  const values: string[] = []
  for (let i = 1; params.has(`${name}.${i}`); i++) values.push(params.get(`${name}.${i}`) ?? '')
  return values
}

const describeRegions: ActionHandler = ctx => {
  requireAllowed(requireIdentity(ctx), 'ec2:DescribeRegions')
  const all = ctx.params.get('AllRegions') === 'true'
  const names = indexedValues(ctx.params, 'RegionName')
  const filters: { name: string; values: string[] }[] = []
  for (let i = 1; ctx.params.has(`Filter.${i}.Name`); i++) {
    filters.push({
      name: ctx.params.get(`Filter.${i}.Name`) ?? '',
      values: indexedValues(ctx.params, `Filter.${i}.Value`)
    })
  }
  const regions = ctx.state.account.regions.filter(r => {
    if (!all && r.optInStatus === 'not-opted-in') return false
    if (names.length > 0 && !names.includes(r.name)) return false
    return filters.every(f => {
      const field = f.name === 'region-name' ? r.name : f.name === 'opt-in-status' ? r.optInStatus : undefined
      return field === undefined || f.values.includes(field)
    })
  })
  return {
    regionInfo: regions.map(r => ({
      regionName: r.name,
      regionEndpoint: `ec2.${r.name}.amazonaws.com`,
      optInStatus: r.optInStatus
    }))
  }
}

export const EC2_ACTIONS: Record<string, ActionHandler> = { DescribeRegions: describeRegions }
