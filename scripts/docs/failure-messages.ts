// Finds every message the action can fail or warn with, straight from the source, so a test can
// demand a troubleshooting entry for each (__tests__/troubleshooting.test.ts) and new messages from any
// branch are picked up without a list to keep. A message is the text given to:
//   - a parameter named `message` or `detail` of a function or class declared in src/ (ActionError,
//     InputError and anything like them; a call of `new Error(…)` is a bug report, not a message);
//   - `core.setFailed`, `core.error`, `core.warning`;
//   - `failures.push`, `warnings.push`, `problems.push`;
//   - an object property `message:` (diagnoses, findings), or `detail:` next to a `status` that can be
//     'fail' or 'warn' (a check's result);
//   - a `return` of a function whose name ends in `Message`.
// Its "fixed text" is what the source spells out: string and template literals, with local constants
// inlined (a conditional constant gives one variant per branch) and everything else a placeholder `…`.
// The key a troubleshooting entry must quote is its first distinctive piece of fixed text (see keyOf).
import ts from 'typescript'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export interface FailureMessage {
  /** `src/file.ts:line` of the sink. */
  readonly where: string
  /** The message with every placeholder shown as `…`. */
  readonly shape: string
  /** The text a troubleshooting entry must contain (whitespace-normalised). */
  readonly key: string
}

const PLACEHOLDER = '\u0000'
const MAX_VARIANTS = 16
const KEY_WORDS = 8
const MESSAGE_PARAMETERS = new Set(['message', 'detail'])
const CORE_SINKS = new Set(['setFailed', 'error', 'warning'])
const LIST_SINKS = new Set(['failures', 'warnings', 'problems'])

/** Every `.ts` file under a directory. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map(name => join(dir, name))
    .sort()
}

type Sink = { node: ts.Expression; file: ts.SourceFile }

/** Name → indexes of its parameters named message/detail, over every function and class in the files. */
function messageParameters(files: readonly ts.SourceFile[]): Map<string, Set<number>> {
  const found = new Map<string, Set<number>>()
  const record = (name: string | undefined, parameters: ts.NodeArray<ts.ParameterDeclaration>) => {
    if (!name) return
    parameters.forEach((p, index) => {
      if (ts.isIdentifier(p.name) && MESSAGE_PARAMETERS.has(p.name.text)) {
        found.set(name, (found.get(name) ?? new Set()).add(index))
      }
    })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node)) record(node.name?.text, node.parameters)
    if (ts.isClassDeclaration(node)) {
      const constructor = node.members.find(ts.isConstructorDeclaration)
      if (constructor) record(node.name?.text, constructor.parameters)
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = node.initializer
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) record(node.name.text, init.parameters)
    }
    ts.forEachChild(node, visit)
  }
  files.forEach(visit)
  return found
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text
  return undefined
}

function statusCanFail(object: ts.ObjectLiteralExpression): boolean {
  const status = object.properties.find(
    (p): p is ts.PropertyAssignment =>
      ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'status'
  )
  return status !== undefined && /'(fail|warn)'/.test(status.initializer.getText())
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at)) return at.name?.text
    if (ts.isArrowFunction(at) || ts.isFunctionExpression(at)) {
      const holder = at.parent
      if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text
      return undefined
    }
  }
  return undefined
}

function sinksOf(file: ts.SourceFile, parameters: Map<string, Set<number>>): Sink[] {
  const sinks: Sink[] = []
  const add = (node: ts.Expression | undefined) => {
    if (node) sinks.push({ node, file })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const args = node.arguments ?? ts.factory.createNodeArray()
      const callee = node.expression
      const name = calleeName(callee)
      if (name !== undefined && name !== 'Error') {
        for (const index of parameters.get(name) ?? []) add(args[index])
      }
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const target = callee.expression.text
        const method = callee.name.text
        if (target === 'core' && CORE_SINKS.has(method)) add(args[0])
        if (method === 'push' && LIST_SINKS.has(target)) args.forEach(a => add(a))
      }
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
      if (node.name.text === 'message') add(node.initializer)
      if (
        node.name.text === 'detail' &&
        ts.isObjectLiteralExpression(node.parent) &&
        statusCanFail(node.parent)
      ) {
        add(node.initializer)
      }
    }
    if (ts.isReturnStatement(node) && /Message$/.test(enclosingFunctionName(node) ?? '')) add(node.expression)
    ts.forEachChild(node, visit)
  }
  visit(file)
  return sinks
}

/** The `const NAME = …` visible from `node`, searching outwards through the enclosing blocks. */
function localConstant(name: string, node: ts.Node): ts.Expression | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionLike(at) && at.parameters.some(p => ts.isIdentifier(p.name) && p.name.text === name)) {
      return undefined
    }
    const statements = ts.isBlock(at) || ts.isSourceFile(at) ? at.statements : undefined
    for (const statement of statements ?? []) {
      if (!ts.isVariableStatement(statement)) continue
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name)
          return declaration.initializer
      }
    }
  }
  return undefined
}

/** The texts an expression can produce, each with `PLACEHOLDER` for what the source does not spell out. */
function variants(node: ts.Expression, depth = 0): string[] {
  const cap = (list: string[]) => [...new Set(list)].slice(0, MAX_VARIANTS)
  if (depth > 6) return [PLACEHOLDER]
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) {
    return variants(node.expression, depth)
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isTemplateExpression(node)) {
    let results = [node.head.text]
    for (const span of node.templateSpans) {
      const inner = ts.isIdentifier(span.expression) ? inlined(span.expression, depth) : [PLACEHOLDER]
      results = cap(results.flatMap(r => inner.map(i => r + i + span.literal.text)))
    }
    return results
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind
    if (operator === ts.SyntaxKind.PlusToken) {
      const left = variants(node.left, depth + 1)
      const right = variants(node.right, depth + 1)
      return cap(left.flatMap(l => right.map(r => l + r)))
    }
    // `value ?? fallback`: the value is what users see; a fallback is a default, not a message.
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return variants(node.left, depth + 1)
    }
  }
  if (ts.isConditionalExpression(node)) {
    return cap([...variants(node.whenTrue, depth + 1), ...variants(node.whenFalse, depth + 1)])
  }
  if (ts.isIdentifier(node)) return inlined(node, depth)
  return [PLACEHOLDER]
}

function inlined(identifier: ts.Identifier, depth: number): string[] {
  const value = localConstant(identifier.text, identifier)
  return value ? variants(value, depth + 1) : [PLACEHOLDER]
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** The fixed pieces of a message in order, trimmed of edge punctuation; only those with a letter. */
function piecesOf(text: string): string[] {
  return text
    .split(PLACEHOLDER)
    .map(piece => normalise(piece).replace(/^[\s.,;:)'"]+|[\s.,;:('"]+$/g, ''))
    .filter(piece => /\p{L}/u.test(piece))
}

const words = (piece: string): number => piece.split(' ').length

/**
 * The text an entry must quote: the message's first fixed piece of three words or more that no other
 * message has (so it names this message, and usually its beginning), else its longest piece; cut to
 * eight words. `sharedPieces` are the pieces found in more than one place in the source.
 */
export function keyOf(text: string, sharedPieces: ReadonlySet<string> = new Set()): string | undefined {
  const pieces = piecesOf(text)
  if (pieces.length === 0) return undefined
  const chosen =
    pieces.find(piece => words(piece) >= 3 && !sharedPieces.has(piece)) ??
    pieces.reduce((best, piece) => (piece.length > best.length ? piece : best))
  return chosen.split(' ').slice(0, KEY_WORDS).join(' ')
}

/** Every failure and warning message in the given source files (paths shown relative to `root`). */
export function failureMessages(paths: readonly string[], root: string): FailureMessage[] {
  const files = paths.map(path =>
    ts.createSourceFile(relative(root, path), readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  )
  const parameters = messageParameters(files)
  const found: { where: string; text: string }[] = []
  for (const file of files) {
    for (const { node } of sinksOf(file, parameters)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1
      for (const text of variants(node)) found.push({ where: `${file.fileName}:${line}`, text })
    }
  }
  const placesOf = new Map<string, Set<string>>()
  for (const { where, text } of found) {
    for (const piece of piecesOf(text)) placesOf.set(piece, (placesOf.get(piece) ?? new Set()).add(where))
  }
  const shared = new Set([...placesOf].filter(([, places]) => places.size > 1).map(([piece]) => piece))
  const messages = new Map<string, FailureMessage>()
  for (const { where, text } of found) {
    const key = keyOf(text, shared)
    if (key === undefined || messages.has(key)) continue
    messages.set(key, { where, shape: normalise(text.split(PLACEHOLDER).join('…')), key })
  }
  return [...messages.values()].sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }))
}

/** Markdown as plain text for matching: no emphasis or code marks, no table escapes, one space. */
export function searchableText(markdown: string): string {
  return normalise(markdown.replace(/\\\|/g, '|').replace(/[`*]/g, ''))
}

/** The longest a placeholder of a message may be where a document quotes it (`AKIA…XXXX`, `NAME`, `…`). */
const MAX_PLACEHOLDER = 160

/**
 * A pattern for a message's whole template: every fixed piece of its shape, in order, each placeholder
 * written as anything short on one line (`…`, `NAME`, `AKIA…XXXX`). Placeholders at either end and the
 * final full stop may be left out.
 */
export function templatePattern(shape: string): RegExp {
  const pieces = searchableText(shape)
    .split('…')
    .map(piece => piece.trim())
  while (pieces[0] === '') pieces.shift()
  // The end: trailing placeholders and the final full stop.
  while (pieces.length > 0 && pieces[pieces.length - 1]!.replace(/\.+$/, '') === '') pieces.pop()
  if (pieces.length > 0) pieces[pieces.length - 1] = pieces[pieces.length - 1]!.replace(/\.+$/, '')
  const escaped = pieces.map(piece => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(escaped.join(`[^\\n]{0,${MAX_PLACEHOLDER}}?`))
}

/** The messages no document quotes whole: every fixed piece of the template, in order (templatePattern). */
export function undocumented(
  messages: readonly FailureMessage[],
  documents: readonly string[]
): FailureMessage[] {
  const corpus = documents.map(searchableText).join('\n')
  return messages.filter(message => !templatePattern(message.shape).test(corpus))
}
