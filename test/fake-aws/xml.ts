// Renders response bodies in the shapes the AWS SDK v3 parsers read: awsQuery (STS, IAM) wraps the
// result in <ActionResponse><ActionResult> with lists as <member>; the EC2 protocol puts fields directly
// under <ActionResponse> with lists as <item> and a lowercase <requestId>.
export type XmlValue =
  string | number | boolean | Date | undefined | null | XmlMap | XmlValue[] | { [key: string]: XmlValue }

/** An awsQuery map (e.g. IAM's SummaryMap): `<entry><key>…</key><value>…</value></entry>` per pair. */
export class XmlMap {
  constructor(readonly entries: readonly (readonly [string, XmlValue])[]) {}
}

export type AwsService = 'sts' | 'iam' | 'ec2' | 'organizations'

export const SERVICE_NAMESPACES: Record<AwsService, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  ec2: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  // JSON protocol: no XML namespace (see organizations-actions.ts).
  organizations: ''
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** AWS timestamps in XML are ISO 8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function renderValue(value: XmlValue, listItemTag: string): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return isoSeconds(value)
  if (value instanceof XmlMap) {
    return value.entries
      .map(
        ([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${renderValue(v, listItemTag)}</value></entry>`
      )
      .join('')
  }
  if (Array.isArray(value)) {
    return value.map(item => `<${listItemTag}>${renderValue(item, listItemTag)}</${listItemTag}>`).join('')
  }
  if (typeof value === 'object') return renderFields(value, listItemTag)
  return escapeXml(String(value))
}

function renderFields(fields: { [key: string]: XmlValue }, listItemTag: string): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `<${k}>${renderValue(v, listItemTag)}</${k}>`)
    .join('')
}

export function renderQueryResponse(
  service: 'sts' | 'iam',
  action: string,
  result: { [key: string]: XmlValue } | undefined,
  requestId: string
): string {
  const body =
    result === undefined ? '' : `<${action}Result>${renderFields(result, 'member')}</${action}Result>`
  return (
    `<${action}Response xmlns="${SERVICE_NAMESPACES[service]}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`
  )
}

export function renderEc2Response(
  action: string,
  fields: { [key: string]: XmlValue },
  requestId: string
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${SERVICE_NAMESPACES.ec2}">` +
    `<requestId>${requestId}</requestId>${renderFields(fields, 'item')}</${action}Response>`
  )
}
