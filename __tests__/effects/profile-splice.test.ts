import { describe, expect, it } from '@jest/globals'
import {
  detectEol,
  findProfile,
  sectionHeader,
  spliceProfile,
  type ProfileFileKind,
  type SectionValues
} from '../../src/effects/profile-splice.js'

const KEYS = [
  ['aws_access_key_id', 'AKIANEWKEY'],
  ['aws_secret_access_key', 'new/secret+key']
] as const
const CONFIG = [
  ['region', 'eu-west-1'],
  ['output', 'json']
] as const
const NEW_CREDENTIALS = '[prod]\naws_access_key_id = AKIANEWKEY\naws_secret_access_key = new/secret+key\n'

/** Real-world shapes, as `aws configure` and people write them. */
const CORPUS: Record<string, string> = {
  'aws configure default': '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n',
  'commented, blank lines': '# managed by hand\n\n[default]\n; old key below\naws_access_key_id=AKIAD\n\n\n',
  crlf: '[default]\r\naws_access_key_id = AKIAD\r\naws_secret_access_key = d\r\n',
  'no final newline': '[default]\naws_access_key_id = AKIAD',
  'only a comment': '# nothing yet',
  'trailing blank lines': '[dev]\nregion = x\n\n\n',
  'utf-8 comment': '# Zugangsschlüssel für CI ✓\n[default]\nk = v\n'
}

describe('profile-splice', () => {
  it.each(Object.entries(CORPUS))(
    'appends a new profile to "%s" keeping it as an exact prefix',
    (_, text) => {
      const result = spliceProfile(text, 'credentials', 'prod', KEYS)
      expect(result.startsWith(text)).toBe(true)
      expect(findProfile(result, 'credentials', 'prod')).toHaveLength(1)
    }
  )

  it('writes a complete section to an empty file', () => {
    expect(spliceProfile('', 'credentials', 'prod', KEYS)).toBe(NEW_CREDENTIALS)
  })

  it('separates an appended section from the last one by one blank line', () => {
    expect(spliceProfile('[default]\nk = v\n', 'credentials', 'prod', KEYS)).toBe(
      `[default]\nk = v\n\n${NEW_CREDENTIALS}`
    )
    expect(spliceProfile('[dev]\nregion = x\n\n\n', 'credentials', 'prod', KEYS)).toBe(
      `[dev]\nregion = x\n\n\n${NEW_CREDENTIALS}`
    )
  })

  it('keeps a missing final newline missing', () => {
    expect(spliceProfile('[default]\nk = v', 'credentials', 'prod', KEYS)).toBe(
      `[default]\nk = v\n\n${NEW_CREDENTIALS.slice(0, -1)}`
    )
  })

  it('writes CRLF into a CRLF file', () => {
    const result = spliceProfile(CORPUS.crlf, 'credentials', 'prod', KEYS)
    expect(result).toBe(CORPUS.crlf + '\r\n' + NEW_CREDENTIALS.replaceAll('\n', '\r\n'))
    expect(result.replaceAll('\r\n', '')).not.toContain('\n')
  })

  it('detects the line ending from the first line break', () => {
    expect(detectEol('')).toBe('\n')
    expect(detectEol('[a]')).toBe('\n')
    expect(detectEol('[a]\r\nb\n')).toBe('\r\n')
    expect(detectEol('[a]\nb\r\n')).toBe('\n')
  })

  describe('replacing an existing profile', () => {
    const FILE = [
      '# team credentials',
      '[prod]',
      '# rotated 2024-01',
      'aws_access_key_id = AKIAOLD',
      'aws_secret_access_key = old',
      'aws_session_token = oldtoken',
      '',
      '# staging account, do not touch',
      '[staging]',
      'aws_access_key_id = AKIASTAGING',
      ''
    ].join('\n')

    it('replaces a profile at the start, keeping the comments that lead into the next section', () => {
      expect(spliceProfile(FILE, 'credentials', 'prod', KEYS)).toBe(
        [
          '# team credentials',
          NEW_CREDENTIALS.trimEnd(),
          '',
          '# staging account, do not touch',
          '[staging]',
          'aws_access_key_id = AKIASTAGING',
          ''
        ].join('\n')
      )
    })

    it('replaces a profile in the middle', () => {
      const text = '[a]\nk = 1\n\n[prod]\nk = 2\n\n[b]\nk = 3\n'
      expect(spliceProfile(text, 'credentials', 'prod', KEYS)).toBe(
        `[a]\nk = 1\n\n${NEW_CREDENTIALS}\n[b]\nk = 3\n`
      )
    })

    it('replaces a profile at the end of a file without a final newline', () => {
      const text = '[a]\nk = 1\n\n[prod]\nk = 2'
      expect(spliceProfile(text, 'credentials', 'prod', KEYS)).toBe(
        `[a]\nk = 1\n\n${NEW_CREDENTIALS.slice(0, -1)}`
      )
    })

    it('replaces a profile at the end of a CRLF file, keeping its trailing blank line', () => {
      const text = '[a]\r\nk = 1\r\n[prod]\r\nk = 2\r\n\r\n'
      expect(spliceProfile(text, 'credentials', 'prod', KEYS)).toBe(
        `[a]\r\nk = 1\r\n${NEW_CREDENTIALS.replaceAll('\n', '\r\n')}\r\n`
      )
    })

    it('replaces the first of duplicate sections and removes the others, so no stale key wins', () => {
      const text = '[prod]\nk = 1\n\n[a]\nk = 2\n\n[prod]\naws_session_token = stale\n\n[b]\nk = 3\n'
      expect(spliceProfile(text, 'credentials', 'prod', KEYS)).toBe(
        `${NEW_CREDENTIALS}\n[a]\nk = 2\n\n\n[b]\nk = 3\n`
      )
    })

    it('finds a header with odd spacing, an inline comment or a BOM before it', () => {
      for (const header of [
        '[ prod ]',
        '  [prod]',
        '[prod] ; replaced yearly',
        '\uFEFF[prod]',
        'ï»¿[prod]'
      ]) {
        const text = `${header}\nk = 1\n[a]\nk = 2\n`
        expect(findProfile(text, 'credentials', 'prod')).toEqual([1])
        const bom = /^(\uFEFF|ï»¿)/.exec(header)?.[0] ?? ''
        expect(spliceProfile(text, 'credentials', 'prod', KEYS)).toBe(`${bom}${NEW_CREDENTIALS}[a]\nk = 2\n`)
      }
    })

    it('replaces an empty section that ends the file', () => {
      expect(spliceProfile('[a]\nk = 1\n[prod]\n', 'credentials', 'prod', KEYS)).toBe(
        `[a]\nk = 1\n${NEW_CREDENTIALS}`
      )
    })

    it('keeps indented continuation lines with the section they belong to', () => {
      const text = '[prod]\ns3 =\n  max_concurrent_requests = 20\n# next\n[a]\n'
      expect(spliceProfile(text, 'credentials', 'prod', KEYS)).toBe(`${NEW_CREDENTIALS}# next\n[a]\n`)
    })
  })

  describe('which headers name the profile', () => {
    it.each<[ProfileFileKind, string, boolean]>([
      ['credentials', '[prod]', true],
      ['credentials', '[ prod ]', true],
      ['credentials', '[profile prod]', false],
      ['credentials', '[prod-old]', false],
      ['credentials', '[production]', false],
      ['credentials', '# [prod]', false],
      ['credentials', '; [prod]', false],
      ['credentials', 'note = [prod]', false],
      ['config', '[profile prod]', true],
      ['config', '[profile   prod]', true],
      ['config', '[ profile prod ]', true],
      ['config', '[profile "prod"]', true],
      ['config', "[profile 'prod']", true],
      ['config', '[prod]', false],
      ['config', '[profileprod]', false],
      ['config', '[sso-session prod]', false],
      ['config', '[services prod]', false]
    ])('in %s, %s → %s', (kind, header, found) => {
      expect(findProfile(`[other]\nk = v\n${header}\nk = v\n`, kind, 'prod')).toEqual(found ? [3] : [])
    })

    it('treats [default] and [profile default] in config as the default profile', () => {
      expect(findProfile('[default]\n[profile default]\n[profile x]\n', 'config', 'default')).toEqual([1, 2])
      expect(findProfile('[default]\n[profile default]\n', 'credentials', 'default')).toEqual([1])
    })

    it('writes [default] in both files, [profile name] in config for every other profile', () => {
      expect(sectionHeader('credentials', 'default')).toBe('[default]')
      expect(sectionHeader('config', 'default')).toBe('[default]')
      expect(sectionHeader('credentials', 'prod')).toBe('[prod]')
      expect(sectionHeader('config', 'prod')).toBe('[profile prod]')
    })

    it('replaces [profile default] in config with one [default] section', () => {
      const text = '[profile default]\nregion = us-east-1\n\n[profile dev]\nregion = x\n'
      expect(spliceProfile(text, 'config', 'default', CONFIG)).toBe(
        '[default]\nregion = eu-west-1\noutput = json\n\n[profile dev]\nregion = x\n'
      )
    })

    it('appends [profile prod] to config even when a bare [prod] section is there', () => {
      const text = '[prod]\nregion = x\n'
      expect(spliceProfile(text, 'config', 'prod', CONFIG)).toBe(
        `${text}\n[profile prod]\nregion = eu-west-1\noutput = json\n`
      )
    })

    it('reports every duplicate by line number', () => {
      expect(findProfile('[prod]\n[a]\n[prod]\n', 'credentials', 'prod')).toEqual([1, 3])
    })
  })

  it.each<[string, string, SectionValues]>([
    ['a newline in a value', 'prod', [['aws_session_token', 'x\n[evil]']]],
    ['a space at either end of a value', 'prod', [['k', ' a b']]],
    ['a space in a key', 'prod', [['k k', 'v']]],
    ['an empty value', 'prod', [['k', '']]],
    ['a bracket in the name', 'pr]od', [['k', 'v']]]
  ])('refuses to write %s', (_, profile, values) => {
    expect(() => spliceProfile('', 'credentials', profile, values)).toThrow('printable ASCII')
  })

  it('writes inner spaces in a value (a credential_process command line)', () => {
    const line = '"/opt/node" "/a b/credential-process.js" "http://127.0.0.1:1/p" "/tmp/t"'
    expect(spliceProfile('', 'credentials', 'prod', [['credential_process', line]])).toBe(
      `[prod]\ncredential_process = ${line}\n`
    )
  })
})
