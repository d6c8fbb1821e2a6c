/** @module Parser of the Go text/template subset (text/template/parse `parse.go`): nodes and Go's parse errors. */
import { lex, TemplateError, TemplateUnsupported, type Tok } from './template-lex'

export type Arg =
  | { t: 'dot' }
  | { t: 'field'; pos: number; idents: string[] }
  | { t: 'ident'; pos: number; name: string }
  | { t: 'literal'; value: unknown }
  | { t: 'pipe'; pipe: Pipe }
export interface Cmd {
  args: Arg[]
}
export interface Pipe {
  cmds: Cmd[]
}
export type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if' | 'with'; pipe: Pipe; list: Node[]; elseList: Node[] }

/** builtins are Go's text/template functions; only some are evaluated here. */
export const builtins = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
])

function tokString(tok: Tok): string {
  if (tok.typ === 'eof') return 'EOF'
  if (tok.typ === 'keyword' || tok.typ === 'nil' || tok.typ === 'dot') return `<${tok.val}>`
  return tok.val.length > 10
    ? `${JSON.stringify(tok.val.slice(0, 10))}...`
    : JSON.stringify(tok.val)
}

export function parse(input: string, funcs: Set<string>): Node[] {
  const toks = lex(input)
  let i = 0
  const line = (tok: Tok) => 1 + (input.slice(0, tok.pos).match(/\n/g)?.length ?? 0)
  const error = (tok: Tok, msg: string): never => {
    throw new TemplateError(`template: :${line(tok)}: ${msg}`)
  }
  const next = (): Tok => {
    const tok = toks[i++]
    if (tok.typ === 'error') error(tok, tok.val)
    return tok
  }
  const nextNonSpace = () => {
    let tok = next()
    while (tok.typ === 'space') tok = next()
    return tok
  }
  const peekNonSpace = () => {
    const save = i
    const tok = nextNonSpace()
    i = save
    return tok
  }

  const operand = (tok: Tok): Arg => {
    let arg: Arg
    switch (tok.typ) {
      case 'dot':
        arg = { t: 'dot' }
        break
      case 'field':
        arg = { t: 'field', pos: tok.pos, idents: [tok.val.slice(1)] }
        break
      case 'ident':
        if (!funcs.has(tok.val)) error(tok, `function ${JSON.stringify(tok.val)} not defined`)
        arg = { t: 'ident', pos: tok.pos, name: tok.val }
        break
      case 'bool':
        arg = { t: 'literal', value: tok.val === 'true' }
        break
      case 'nil':
        arg = { t: 'literal', value: null }
        break
      case 'raw':
        arg = { t: 'literal', value: tok.val.slice(1, -1) }
        break
      case 'string':
        try {
          arg = { t: 'literal', value: JSON.parse(tok.val) as string }
        } catch {
          throw new TemplateUnsupported('string escape')
        }
        break
      case 'number': {
        const n = Number(tok.val)
        if (!Number.isFinite(n)) throw new TemplateUnsupported('number')
        arg = { t: 'literal', value: n }
        break
      }
      case 'lparen': {
        arg = { t: 'pipe', pipe: pipeline('parenthesized pipeline', 'rparen') }
        break
      }
      default:
        throw new TemplateUnsupported(tok.typ)
    }
    while (toks[i].typ === 'field') {
      const f = next().val.slice(1)
      if (arg.t === 'field') arg.idents.push(f)
      else throw new TemplateUnsupported('field chain')
    }
    return arg
  }

  const pipeline = (context: string, closer: 'right' | 'rparen'): Pipe => {
    const pipe: Pipe = { cmds: [] }
    if (peekNonSpace().typ === 'variable') throw new TemplateUnsupported('variables')
    for (;;) {
      const tok = nextNonSpace()
      if (tok.typ === closer) {
        if (pipe.cmds.length === 0) error(tok, `missing value for ${context}`)
        return pipe
      }
      if (
        ['dot', 'field', 'ident', 'bool', 'nil', 'raw', 'string', 'number', 'lparen'].includes(
          tok.typ,
        )
      ) {
        const cmd: Cmd = { args: [operand(tok)] }
        for (;;) {
          const t = toks[i]
          if (t.typ === 'error') next()
          if (t.typ === 'space') {
            const n = peekNonSpace()
            if (n.typ === closer || n.typ === 'pipe') {
              nextNonSpace()
              if (n.typ === closer) i--
              break
            }
            next()
            cmd.args.push(operand(next()))
          } else if (t.typ === closer) break
          else if (t.typ === 'pipe') {
            next()
            break
          } else error(t, `unexpected ${tokString(t)} in operand`)
        }
        pipe.cmds.push(cmd)
      } else if (tok.typ === 'error' || tok.typ === 'eof')
        error(tok, `unexpected ${tokString(tok)} in ${context}`)
      else if (tok.typ === 'variable') throw new TemplateUnsupported('variables')
      else error(tok, `unexpected ${tokString(tok)} in ${context}`)
    }
  }

  // list parses nodes up to {{end}} or {{else}} (returned as the terminator), or EOF at top level.
  const list = (top: boolean): [Node[], 'end' | 'else' | 'eof'] => {
    const nodes: Node[] = []
    for (;;) {
      const tok = next()
      if (tok.typ === 'eof') {
        if (!top) error(tok, 'unexpected EOF')
        return [nodes, 'eof']
      }
      if (tok.typ === 'text') {
        nodes.push({ t: 'text', text: tok.val })
        continue
      }
      const kw = nextNonSpace()
      if (kw.typ === 'keyword') {
        if (kw.val === 'end' || kw.val === 'else') {
          if (top) error(kw, `unexpected {{${kw.val}}}`)
          if (peekNonSpace().typ !== 'right') throw new TemplateUnsupported('else if')
          nextNonSpace()
          return [nodes, kw.val]
        }
        if (kw.val !== 'if' && kw.val !== 'with') throw new TemplateUnsupported(kw.val)
        const pipe = pipeline(kw.val, 'right')
        const [body, term] = list(false)
        let elseList: Node[] = []
        if (term === 'else') {
          const [rest, term2] = list(false)
          if (term2 !== 'end') error(kw, `expected end; found {{else}}`)
          elseList = rest
        }
        nodes.push({ t: kw.val, pipe, list: body, elseList })
        continue
      }
      i--
      nodes.push({ t: 'action', pipe: pipeline('command', 'right') })
    }
  }
  return list(true)[0]
}
