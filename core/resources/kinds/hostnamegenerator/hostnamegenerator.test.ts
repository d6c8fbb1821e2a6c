import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateSchema } from '../../../schema/validate'
import { kind } from './index'
import { specSchema } from './schema'

const violations = (yaml: string) =>
  kind.validate!(parse(yaml), { name: 'hg', mesh: '', labels: {} }).violations
const notDNS = (rendered: string) =>
  `template renders to "${rendered}" which is not a valid DNS name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`

describe('HostnameGenerator kind', () => {
  it('describes HostnameGenerator as Kuma 2.14 does', () => {
    expect(kind).toMatchObject({
      name: 'HostnameGenerator',
      plural: 'hostnamegenerators',
      kumactlArg: 'hostnamegenerator',
      singularDisplayName: 'Hostname Generator',
      pluralDisplayName: 'Hostname Generators',
      shortName: 'hg',
      scope: 'Global',
      hasStatus: false,
      includeInFederation: true,
      providedByZone: true,
    })
  })
})

describe('HostnameGenerator spec schema', () => {
  it('accepts a full spec', () => {
    const yaml = `
template: "{{ .DisplayName }}.{{ .Namespace }}.svc.mesh.local"
selector: { meshService: { matchLabels: { kuma.io/origin: zone } } }
extension: { type: custom, config: { any: [thing] } }
`
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toEqual([])
  })

  it.each([
    ['a missing template', 'selector: {}', 'spec.template', 'in body is required'],
    [
      'an extension without type',
      'template: a\nextension: {}',
      'spec.extension.type',
      'in body is required',
    ],
    [
      'a non-string label',
      'template: a\nselector: { meshService: { matchLabels: { a: 1 } } }',
      'spec.selector.meshService.matchLabels.a',
      'in body must be of type string: "number"',
    ],
  ])('reports %s', (_, yaml, field, message) => {
    expect(validateSchema(parse(yaml), specSchema, 'spec').violations).toContainEqual({
      field,
      message,
    })
  })
})

describe('HostnameGenerator validator', () => {
  it.each([
    ['a MeshService selector', 'template: "{{ .Name }}.mesh"\nselector: { meshService: {} }'],
    [
      'a MeshMultiZoneService selector',
      'template: "{{ .Name }}.mesh"\nselector: { meshMultiZoneService: {} }',
    ],
    [
      'every builtin field',
      'template: "{{ .Name }}.{{ .DisplayName }}.{{ .Namespace }}.{{ .Mesh }}.{{ .Zone }}.mesh"\nselector: { meshService: {} }',
    ],
    ['the label function', 'template: \'{{ label "app" }}.mesh\'\nselector: { meshService: {} }'],
    [
      'Kuma default generator templates',
      'template: "{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local"\nselector: { meshService: { matchLabels: { kuma.io/origin: global } } }',
    ],
    [
      'trim markers and comments',
      'template: "{{- /* hi */ -}} {{- .Name -}} .mesh"\nselector: { meshService: {} }',
    ],
    [
      'an if/else',
      'template: "{{ if .Zone }}{{ .Zone }}{{ else }}none{{ end }}.mesh"\nselector: { meshService: {} }',
    ],
    [
      'a pipeline into print',
      'template: "{{ .Name | printf \\"%s\\" }}.{{ print .Mesh }}"\nselector: { meshService: {} }',
    ],
    [
      'a construct outside the evaluated subset',
      'template: "{{ range $k := .Name }}x{{ end }}.mesh"\nselector: { meshService: {} }',
    ],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each([
    [
      'an unparsable template',
      'template: "{{ .Name[4 }}.mesh"',
      "couldn't parse template: template: :1: bad character U+005B '['",
    ],
    ['an empty template', 'template: ""', 'must not be empty'],
    ['an uppercase result', 'template: "{{ .Name }}.MESH"', notDNS('name.MESH')],
    ['a leading dot', 'template: ".{{ .Name }}.mesh"', notDNS('.name.mesh')],
    ['consecutive dots', 'template: "{{ .Name }}..mesh"', notDNS('name..mesh')],
    ['an underscore', 'template: "{{ .Name }}_svc.mesh"', notDNS('name_svc.mesh')],
    [
      'an unknown function',
      'template: "{{ lower .Name }}.mesh"',
      'couldn\'t parse template: template: :1: function "lower" not defined',
    ],
    [
      'an unclosed action',
      'template: "{{ .Name .mesh"',
      "couldn't parse template: template: :1: unclosed action",
    ],
    [
      'an empty action',
      'template: "{{ }}.mesh"',
      "couldn't parse template: template: :1: missing value for command",
    ],
    [
      'an unknown field',
      'template: "x.{{ .Service }}.mesh"',
      'couldn\'t render template with stub values: template: :1:5: executing "" at <.Service>: can\'t evaluate field Service in type struct { Name string; DisplayName string; Namespace string; Mesh string; Zone string }',
    ],
    [
      'label without argument',
      'template: "{{ label }}.mesh"',
      'couldn\'t render template with stub values: template: :1:3: executing "" at <label>: wrong number of args for label: want 1 got 0',
    ],
  ])('rejects %s', (_, yaml, message) => {
    expect(violations(`${yaml}\nselector: { meshService: {} }`)).toEqual([
      { field: 'spec.template', message },
    ])
  })

  it.each([
    ['no selector', 'template: "{{ .Name }}.mesh"'],
    [
      'two selectors',
      'template: "{{ .Name }}.mesh"\nselector: { meshService: {}, meshExternalService: {} }',
    ],
  ])('rejects %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([
      {
        field: 'spec.selector',
        message: 'exact one selector (meshService, meshExternalService) must be defined',
      },
    ])
  })

  it('rejects an extension without type', () => {
    expect(
      violations(
        'template: "{{ .Name }}.mesh"\nselector: { meshService: {} }\nextension: { config: {} }',
      ),
    ).toEqual([{ field: 'spec.extension.type', message: 'must not be empty' }])
  })
})
