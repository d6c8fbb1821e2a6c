/**
 * @module A subset of Go's text/template, enough to check HostnameGenerator templates as Kuma does:
 * text, comments, trim markers, pipelines of fields, literals and functions, `if`/`with`/`else`.
 * Constructs outside the subset (range, variables, define, ...) raise TemplateUnsupported so
 * callers can skip the check rather than reject a template Kuma would accept.
 */
import { TemplateError, TemplateUnsupported } from './template-lex'
import { builtins, parse, type Arg, type Cmd, type Node, type Pipe } from './template-parse'

export { TemplateError, TemplateUnsupported } from './template-lex'

/** sprintf is Go's fmt.Sprintf for the verbs `%s`, `%v`, `%d` and `%%` on strings and integers. */
function sprintf(args: unknown[]): string {
  const [format, ...rest] = args
  if (typeof format !== 'string') throw new TemplateUnsupported('printf format')
  let k = 0
  const out = format.replace(/%([%svd])/g, (_, verb: string) => {
    if (verb === '%') return '%'
    const a = rest[k++]
    if (verb === 'd' ? !Number.isInteger(a) : typeof a !== 'string' && !Number.isInteger(a)) {
      throw new TemplateUnsupported('printf verb')
    }
    return String(a)
  })
  if (k !== rest.length || /%[^%svd]/.test(format.replace(/%%/g, '')))
    throw new TemplateUnsupported('printf')
  return out
}

/** TemplateFunc is a template function taking and returning strings. */
export type TemplateFunc = (...args: string[]) => string

/**
 * render parses `text` with Go's builtins plus `funcs` and executes it against `data`, whose
 * fields are all strings (`typeName` is Go's name of its type, used in error messages).
 */
export function render(
  text: string,
  data: Record<string, string>,
  typeName: string,
  funcs: Record<string, TemplateFunc>,
): { parseError?: string; execError?: string; output?: string } {
  let nodes: Node[]
  try {
    nodes = parse(text, new Set([...builtins, ...Object.keys(funcs)]))
  } catch (e) {
    if (e instanceof TemplateError) return { parseError: e.message }
    throw e
  }
  const execErr = (pos: number, context: string, msg: string): never => {
    const before = text.slice(0, pos)
    const nl = before.lastIndexOf('\n')
    const col = nl < 0 ? pos : pos - nl - 1
    const lineNum = 1 + (before.match(/\n/g)?.length ?? 0)
    throw new TemplateError(`template: :${lineNum}:${col}: executing "" at <${context}>: ${msg}`)
  }
  const typeOf = (v: unknown) => (typeof v === 'string' ? 'string' : typeName)
  const evalArg = (arg: Arg, dot: unknown, final?: unknown): unknown => {
    switch (arg.t) {
      case 'dot':
        return dot
      case 'literal':
        return arg.value
      case 'pipe':
        return evalPipe(arg.pipe, dot)
      case 'field': {
        let v = dot
        for (const f of arg.idents) {
          if (typeof v !== 'object' || v === null || !Object.hasOwn(v, f)) {
            execErr(
              arg.pos,
              `.${arg.idents.join('.')}`,
              `can't evaluate field ${f} in type ${typeOf(v)}`,
            )
          }
          v = (v as Record<string, unknown>)[f]
        }
        return v
      }
      case 'ident':
        throw new TemplateUnsupported(`function ${arg.name} as argument`)
    }
    return final
  }
  const truth = (v: unknown) => v !== null && v !== undefined && v !== false && v !== '' && v !== 0
  const evalCmd = (cmd: Cmd, dot: unknown, final: unknown, hasFinal: boolean): unknown => {
    const [head, ...rest] = cmd.args
    if (head.t === 'literal' && head.value === null)
      throw new TemplateUnsupported('nil is not a command')
    if (head.t !== 'ident') {
      if (rest.length > 0 || hasFinal) throw new TemplateUnsupported('arguments to a non-function')
      return evalArg(head, dot)
    }
    const args = rest.map((a) => evalArg(a, dot))
    if (hasFinal) args.push(final)
    const fn = funcs[head.name]
    if (fn) {
      if (args.length !== fn.length) {
        execErr(
          head.pos,
          head.name,
          `wrong number of args for ${head.name}: want ${fn.length} got ${args.length}`,
        )
      }
      if (!args.every((a) => typeof a === 'string'))
        throw new TemplateUnsupported('non-string argument')
      return fn(...(args as string[]))
    }
    switch (head.name) {
      case 'print':
        // fmt.Sprint: a space between operands when neither is a string.
        return args
          .map(
            (a, k) =>
              (k > 0 && typeof a !== 'string' && typeof args[k - 1] !== 'string' ? ' ' : '') +
              (a === null ? '<nil>' : print(a)),
          )
          .join('')
      case 'printf':
        return sprintf(args)
      case 'not':
        return args.length === 1 ? !truth(args[0]) : unsupported()
      case 'and':
        return args.length > 0
          ? (args.find((a) => !truth(a)) ?? args[args.length - 1])
          : unsupported()
      case 'or':
        return args.length > 0 ? (args.find(truth) ?? args[args.length - 1]) : unsupported()
      case 'eq':
        return args.length === 2 && typeof args[0] === typeof args[1]
          ? args[0] === args[1]
          : unsupported()
      case 'ne':
        return args.length === 2 && typeof args[0] === typeof args[1]
          ? args[0] !== args[1]
          : unsupported()
      default:
        return unsupported()
    }
  }
  const unsupported = (): never => {
    throw new TemplateUnsupported('function')
  }
  const evalPipe = (pipe: Pipe, dot: unknown): unknown => {
    let value: unknown
    pipe.cmds.forEach((cmd, idx) => {
      value = evalCmd(cmd, dot, value, idx > 0)
    })
    return value
  }
  const print = (v: unknown): string => {
    if (v === null || v === undefined) return '<no value>'
    if (typeof v === 'object') throw new TemplateUnsupported('printing a struct')
    return String(v)
  }
  const exec = (list: Node[], dot: unknown): string =>
    list
      .map((n) => {
        if (n.t === 'text') return n.text
        if (n.t === 'action') return print(evalPipe(n.pipe, dot))
        const v = evalPipe(n.pipe, dot)
        if (n.t === 'if') return exec(truth(v) ? n.list : n.elseList, dot)
        return truth(v) ? exec(n.list, v) : exec(n.elseList, dot)
      })
      .join('')
  try {
    return { output: exec(nodes, data) }
  } catch (e) {
    if (e instanceof TemplateError) return { execError: e.message }
    throw e
  }
}
