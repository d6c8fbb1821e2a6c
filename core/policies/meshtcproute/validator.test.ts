import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Violation } from '../../validators/validation-error'
import { validate } from './validator'

const violations = (yaml: string) => validate(parse(yaml)).violations

describe('MeshTCPRoute validator', () => {
  it.each([
    [
      'a route with to[].rules',
      `
targetRef: { kind: MeshService, name: frontend }
to:
  - targetRef: { kind: MeshService, name: backend }
    rules: [{ default: { backendRefs: [{ kind: MeshService, name: other }] } }]
`,
    ],
    [
      'a route without to[].rules',
      `
targetRef: { kind: MeshService, name: frontend }
to: [{ targetRef: { kind: MeshService, name: backend } }]
`,
    ],
    [
      'a MeshGateway route with listener tags',
      `
targetRef: { kind: MeshGateway, name: edge, tags: { port: "6000" } }
to:
  - targetRef: { kind: Mesh }
    rules: [{ default: { backendRefs: [{ kind: MeshService, name: other }] } }]
`,
    ],
    [
      'MeshService and MeshMultiZoneService destinations and backends',
      `
targetRef: { kind: Mesh }
to:
  - targetRef: { kind: MeshService, name: backend, sectionName: "8080" }
    rules: [{ default: { backendRefs: [{ kind: MeshMultiZoneService, name: other, port: 8080 }] } }]
  - targetRef: { kind: MeshMultiZoneService, name: other, sectionName: "8080" }
    rules: [{ default: { backendRefs: [{ kind: MeshService, name: backend, port: 8080 }] } }]
`,
    ],
  ])('accepts %s', (_, yaml) => {
    expect(violations(yaml)).toEqual([])
  })

  it.each<[string, string, Violation[]]>([
    [
      'a top-level targetRef of an unknown kind',
      `
targetRef: { kind: BlahBlah, name: frontend }
to: [{ targetRef: { kind: MeshService, name: backend } }]
`,
      [{ field: 'spec.targetRef.kind', message: "value 'BlahBlah' is not supported" }],
    ],
    [
      'a Mesh destination for a MeshService route',
      `
targetRef: { kind: MeshService, name: frontend }
to: [{ targetRef: { kind: Mesh } }]
`,
      [{ field: 'spec.to[0].targetRef.kind', message: "value 'Mesh' is not supported" }],
    ],
    [
      'a MeshService destination for a MeshGateway route',
      `
targetRef: { kind: MeshGateway, name: edge }
to: [{ targetRef: { kind: MeshService, name: backend } }]
`,
      [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
    ],
    [
      'a MeshServiceSubset backendRef without name',
      `
targetRef: { kind: MeshService, name: frontend }
to:
  - targetRef: { kind: MeshService, name: backend }
    rules: [{ default: { backendRefs: [{ kind: MeshServiceSubset, tags: { version: v1 } }] } }]
`,
      [
        {
          field: 'spec.to[0].rules[0].default.backendRefs[0].name',
          message: 'must be set when kind is MeshServiceSubset',
        },
      ],
    ],
    [
      'a MeshMultiZoneService backendRef without port',
      `
targetRef: { kind: MeshService, name: frontend }
to:
  - targetRef: { kind: MeshService, name: backend }
    rules: [{ default: { backendRefs: [{ kind: MeshMultiZoneService, name: test-server }] } }]
`,
      [
        {
          field: 'spec.to[0].rules[0].default.backendRefs[0].port',
          message: 'must be defined with kind MeshMultiZoneService',
        },
      ],
    ],
    [
      'a rule without backendRefs',
      `
to: [{ targetRef: { kind: MeshService, name: backend }, rules: [{ default: {} }] }]
`,
      [{ field: 'spec.to[0].rules[0].default.backendRefs', message: 'must be defined' }],
    ],
  ])('reports %s', (_, yaml, expected) => {
    expect(violations(yaml)).toEqual(expected)
  })
})
