import { describe, expect, it } from '@jest/globals'
import { sanitiseTagValue, sessionTags } from '../../src/auth/session-tags.js'

const env = {
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_WORKFLOW: 'Deploy (prod) 🚀',
  GITHUB_ACTION: '__org_aws-auth-check',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
  GITHUB_REF: 'refs/heads/feature/x'
}

// What AWS accepts in a tag value (test/fake-aws enforces the same).
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u

describe('session-tags.ts', () => {
  it('tags the session with the GitHub context, in a fixed order', () => {
    expect(sessionTags(env)).toEqual([
      { Key: 'GitHub', Value: 'Actions' },
      { Key: 'Repository', Value: 'octo-org/octo-repo' },
      { Key: 'Workflow', Value: 'Deploy _prod_ _' },
      { Key: 'Action', Value: '__org_aws-auth-check' },
      { Key: 'Actor', Value: 'octocat' },
      { Key: 'Commit', Value: 'ffac537e6cbbf934b08745a378932722df287a53' },
      { Key: 'Branch', Value: 'refs/heads/feature/x' }
    ])
  })

  it('leaves out variables the runner did not set', () => {
    expect(sessionTags({ GITHUB_REPOSITORY: 'o/r', GITHUB_WORKFLOW: '' }).map(t => t.Key)).toEqual([
      'GitHub',
      'Repository'
    ])
  })

  it.each([
    ['punctuation AWS rejects', 'ci: build & test (v2) #1 [x] <y> "z" \'q\' ; $HOME | ~ ! ? * % ^ , ` \\'],
    ['emoji outside the BMP', '🚀🚀 ship it'],
    ['control characters', 'a\tb\u0000c'],
    ['letters and digits of any script', 'Déploiement 発行 ١٢٣']
  ])('produces a value AWS accepts from %s', (_case, value) => {
    const sanitised = sanitiseTagValue(value)
    expect(sanitised).toMatch(ALLOWED)
    expect(Array.from(sanitised)).toHaveLength(Array.from(value).length)
  })

  it('keeps letters of any script as they are', () => {
    expect(sanitiseTagValue('Déploiement 発行 ١٢٣')).toBe('Déploiement 発行 ١٢٣')
  })

  it('truncates to 256 characters without splitting a surrogate pair', () => {
    // 𝒳 is a letter outside the BMP (two UTF-16 units), so it is kept, and must be kept whole.
    const value = sanitiseTagValue('é'.repeat(255) + '𝒳𝒳')
    expect(Array.from(value)).toHaveLength(256)
    expect(value.endsWith('é𝒳')).toBe(true)
    expect(value).toMatch(ALLOWED)
    expect(sanitiseTagValue('x'.repeat(300))).toHaveLength(256)
  })
})
