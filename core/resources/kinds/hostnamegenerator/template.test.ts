import { describe, expect, it } from 'vitest'
import { render, TemplateUnsupported } from './template'

const data = { Name: 'name', Zone: 'zone', Empty: '' }
const run = (text: string) =>
  render(text, data, 'struct { Name string }', { label: (k: string) => `label-${k}` })

describe('render', () => {
  it.each([
    ['plain text', 'a.b', 'a.b'],
    ['fields', '{{ .Name }}.{{.Zone}}', 'name.zone'],
    ['the label function', '{{ label "app" }}', 'label-app'],
    ['a raw string argument', '{{ label `x` }}', 'label-x'],
    ['a pipeline', '{{ "app" | label }}', 'label-app'],
    ['a parenthesized pipeline', '{{ print (label "a") "-" .Name }}', 'label-a-name'],
    ['printf', '{{ printf "%s-%d" .Name 7 }}', 'name-7'],
    ['trim markers', 'a  {{- .Name -}}  b', 'anameb'],
    ['a comment', 'a{{/* c */}}b', 'ab'],
    ['if with an empty field', '{{ if .Empty }}x{{ else }}y{{ end }}', 'y'],
    ['with', '{{ with .Zone }}{{ . }}{{ end }}', 'zone'],
    ['and/or/not/eq', '{{ if and (eq .Name "name") (not .Empty) }}ok{{ end }}', 'ok'],
    ['nil as an argument', '{{ print nil 1 2 }}', '<nil> 1 2'],
  ])('renders %s', (_, text, output) => {
    expect(run(text)).toEqual({ output })
  })

  it.each([
    ['a bad character after a field', '{{ .Name[0] }}', "template: :1: bad character U+005B '['"],
    ['an unterminated string', '{{ label "a }}', 'template: :1: unterminated quoted string'],
    ['a stray end', '{{ end }}', 'template: :1: unexpected {{end}}'],
    ['an unclosed if', '{{ if .Name }}x', 'template: :1: unexpected EOF'],
    ['an unclosed comment', '{{/* x', 'template: :1: unclosed comment'],
    ['an unknown function', 'a\n{{ upper .Name }}', 'template: :2: function "upper" not defined'],
    ['an operand followed by a comma', '{{ .Name, }}', 'template: :1: unexpected "," in operand'],
  ])('reports the parse error of %s', (_, text, parseError) => {
    expect(run(text)).toEqual({ parseError })
  })

  it('reports a field of a string with its position', () => {
    expect(run('ab\n  {{ .Name.Foo }}')).toEqual({
      execError:
        'template: :2:5: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string',
    })
  })

  it.each([
    '{{ range .Name }}{{ end }}',
    '{{ $x := .Name }}',
    '{{ define "x" }}{{ end }}',
    '{{ index .Name 1 }}',
  ])('marks %s as outside the supported subset', (text) => {
    expect(() => run(text)).toThrow(TemplateUnsupported)
  })
})
