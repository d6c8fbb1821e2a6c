/** @module End-to-end: the real kumoctl process against the real Kumo Worker under `wrangler dev`. */
/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml, stringify } from 'yaml'
import { example } from '../fixtures/examples'
import { freePort, startDevWorker, type DevWorker } from '../harness/dev-worker.mjs'
import { removeTempDirs, runKumoctl, tempDir, writeFile } from './run'

/** POLICIES are the 16 targetRef policy kinds with their REST plurals. */
const POLICIES: [string, string][] = [
  ['MeshAccessLog', 'meshaccesslogs'],
  ['MeshCircuitBreaker', 'meshcircuitbreakers'],
  ['MeshFaultInjection', 'meshfaultinjections'],
  ['MeshHealthCheck', 'meshhealthchecks'],
  ['MeshHTTPRoute', 'meshhttproutes'],
  ['MeshLoadBalancingStrategy', 'meshloadbalancingstrategies'],
  ['MeshMetric', 'meshmetrics'],
  ['MeshPassthrough', 'meshpassthroughs'],
  ['MeshProxyPatch', 'meshproxypatches'],
  ['MeshRateLimit', 'meshratelimits'],
  ['MeshRetry', 'meshretries'],
  ['MeshTCPRoute', 'meshtcproutes'],
  ['MeshTLS', 'meshtlses'],
  ['MeshTimeout', 'meshtimeouts'],
  ['MeshTrace', 'meshtraces'],
  ['MeshTrafficPermission', 'meshtrafficpermissions'],
]

/** kubernetes renders a universal example as the Kubernetes object a user would apply. */
function kubernetes(doc: Record<string, any>): Record<string, unknown> {
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: doc.type,
    metadata: { name: doc.name, namespace: 'kuma-system', labels: { 'kuma.io/mesh': doc.mesh } },
    spec: doc.spec,
  }
}

const yamlStream = (docs: unknown[]) => docs.map((d) => stringify(d)).join('---\n')

/** BAD_TIMEOUT breaks three of Kuma's MeshTimeout rules at once. */
const BAD_TIMEOUT = `type: MeshTimeout
name: bad-timeout
mesh: default
spec:
  targetRef:
    kind: MeshService
  to:
    - targetRef:
        kind: MeshService
      default:
        idleTimeout: 20s
    - targetRef:
        kind: Mesh
`

let worker: DevWorker
let env: Record<string, string>
let dir: string
const kumoctl = (
  args: string[],
  extra: { env?: Record<string, string | undefined>; stdin?: string } = {},
) => runKumoctl(args, { ...extra, env: { ...env, ...extra.env } })

beforeAll(async () => {
  worker = await startDevWorker()
  env = { KUMO_ADDRESS: worker.url, KUMO_TOKEN: worker.adminToken }
  dir = tempDir()
}, 180_000)

afterAll(async () => {
  await worker?.stop()
  removeTempDirs()
})

describe('kumoctl apply, get and delete', () => {
  it.each([
    ['universal', (kind: string, name: string) => example(kind, name)],
    ['Kubernetes', (kind: string, name: string) => kubernetes(example(kind, name))],
  ])(
    'applies the docs example of every policy kind in %s format, reads each back and deletes it',
    async (format, render) => {
      const suffix = format === 'universal' ? 'u' : 'k'
      const docs = POLICIES.map(([kind]) => render(kind, `${kind.toLowerCase()}-${suffix}`))
      const file = writeFile(dir, `policies-${suffix}.yaml`, yamlStream(docs))

      const applied = await kumoctl(['apply', '-f', file])
      expect(applied.stderr).not.toMatch(/Error/)
      expect(applied.code).toBe(0)
      for (const [kind] of POLICIES) {
        expect(applied.stdout).toContain(
          `resource type="${kind}" mesh="default" name="${kind.toLowerCase()}-${suffix}" Created`,
        )
      }

      for (const [kind, plural] of POLICIES) {
        const name = `${kind.toLowerCase()}-${suffix}`
        // both ways of naming a type: the Kind and, for the other format, the REST plural
        const got = await kumoctl(['get', suffix === 'u' ? kind : plural, name, '-o', 'json'])
        expect(got.code, got.stderr).toBe(0)
        const body = JSON.parse(got.stdout)
        expect(body).toMatchObject({ type: kind, mesh: 'default', name })
        expect(body.spec.targetRef).toMatchObject((example(kind, name).spec as any).targetRef)
        const del = await kumoctl(['delete', kind.toLowerCase(), name])
        expect(del.code, del.stderr).toBe(0)
        expect(del.stdout).toBe(`deleted ${kind} "${name}"\n`)
      }
      const left = await kumoctl(['get', 'meshtimeouts', '-o', 'json'])
      expect(JSON.parse(left.stdout).items.map((i: any) => i.name)).not.toContain(
        `meshtimeout-${suffix}`,
      )
    },
    120_000,
  )

  it('answers Updated when the same resource is applied again, from stdin, with variables', async () => {
    const text = stringify(example('MeshTimeout', '{{ name }}'))
    const first = await kumoctl(['apply', '-f', '-', '-v', 'name=vars-timeout'], { stdin: text })
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toBe(
      'resource type="MeshTimeout" mesh="default" name="vars-timeout" Created\n',
    )
    const again = await kumoctl(['apply', '-f', '-', '--var', 'name=vars-timeout'], { stdin: text })
    expect(again.stdout).toBe(
      'resource type="MeshTimeout" mesh="default" name="vars-timeout" Updated\n',
    )
  })

  it('applies every .yaml, .yml and .json file of a directory in name order', async () => {
    const d = tempDir()
    writeFile(d, 'a.yaml', stringify(example('MeshRetry', 'dir-retry')))
    writeFile(d, 'b.json', JSON.stringify(example('MeshTrace', 'dir-trace')))
    writeFile(d, 'c.txt', 'not: applied')
    const res = await kumoctl(['apply', '-f', d])
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout.trim().split('\n')).toEqual([
      'resource type="MeshRetry" mesh="default" name="dir-retry" Created',
      'resource type="MeshTrace" mesh="default" name="dir-trace" Created',
    ])
  })

  it('prints tables like kumactl, with a footer when there are more pages', async () => {
    const meshes = await kumoctl(['get', 'meshes'])
    expect(meshes.code).toBe(0)
    expect(meshes.stdout.split('\n')[0]).toBe('NAME      mTLS   LOCALITY   ZONEEGRESS   AGE')
    expect(meshes.stdout.split('\n')[1]).toMatch(/^default {3}off {4}off {8}off {10}\d+[smhdy]$/)

    await kumoctl(['apply', '-f', '-'], {
      stdin: yamlStream([example('MeshTimeout', 'page-a'), example('MeshTimeout', 'page-b')]),
    })
    const page = await kumoctl(['get', 'meshtimeouts', '--size', '1'])
    expect(page.code).toBe(0)
    const lines = page.stdout.split('\n')
    expect(lines[0]).toMatch(/^MESH {6}NAME {2,}AGE$/)
    expect(lines).toHaveLength(5)
    expect(lines[3]).toMatch(
      /^Rerun command with --offset=\S+ argument to retrieve more resources$/,
    )
    const offset = /--offset=(\S+)/.exec(lines[3])![1]
    const next = await kumoctl(['get', 'meshtimeouts', '--size', '1', '--offset', offset])
    expect(next.stdout.split('\n')[1]).not.toBe(lines[1])

    const one = await kumoctl(['get', 'MeshTimeout', 'page-a'])
    expect(one.stdout).toMatch(/^MESH {6}NAME {5}AGE\ndefault {3}page-a {3}\d+s\n$/)
  })

  it('prints YAML with sorted keys and JSON lists as kumactl does', async () => {
    const y = await kumoctl(['get', 'meshtimeout', 'page-a', '-o', 'yaml'])
    expect(y.code).toBe(0)
    const doc = parseYaml(y.stdout)
    expect(doc).toMatchObject({ type: 'MeshTimeout', name: 'page-a', mesh: 'default' })
    const keys = y.stdout
      .split('\n')
      .filter((l) => /^\w/.test(l))
      .map((l) => l.split(':')[0])
    expect(keys).toEqual([...keys].sort())

    const j = await kumoctl(['get', 'meshtimeouts', '-o', 'json'])
    const list = JSON.parse(j.stdout)
    expect(Object.keys(list)).toEqual(['total', 'items', 'next'])
    expect(list.next).toBeNull()
    expect(list.items.map((i: any) => i.name)).toEqual(expect.arrayContaining(['page-a', 'page-b']))

    const bad = await kumoctl(['get', 'meshes', '-o', 'xml'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/unknown output format "xml"/)
  })

  it('says so when a resource, a mesh or a type does not exist', async () => {
    const missing = await kumoctl(['get', 'meshtimeout', 'nope'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^Error: No resources found in default mesh/)
    const del = await kumoctl(['delete', 'meshtimeout', 'nope'])
    expect(del.code).toBe(1)
    expect(del.stderr).toBe('Error: there is no MeshTimeout with name "nope" in mesh "default"\n')
    const type = await kumoctl(['get', 'frobnicators'])
    expect(type.code).toBe(1)
    expect(type.stderr).toMatch(/^Error: unknown TYPE: frobnicators\. Allowed values: meshes, /)
  })
})

describe('kumoctl apply with a bad file', () => {
  it('names the document and every violation the server found, and writes nothing', async () => {
    const file = writeFile(dir, 'bad.yaml', BAD_TIMEOUT)
    const res = await kumoctl(['apply', '-f', file])
    expect(res.code).toBe(1)
    expect(res.stdout).toBe('')
    const [first, ...lines] = res.stderr.trim().split('\n')
    expect(first).toContain('resource[0] type="MeshTimeout" mesh="default" name="bad-timeout"')
    expect(first).toContain('nothing was applied')
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      '* spec.targetRef',
      '* spec.to[0].targetRef',
      '* spec.to[1].default',
    ])
    expect((await kumoctl(['get', 'meshtimeout', 'bad-timeout'])).code).toBe(1)
  })

  it('checks every document locally and sends none when one is broken', async () => {
    const text = [
      stringify(example('MeshRetry', 'should-not-exist')),
      'type: Frobnicator\nname: x\n',
      'type: MeshTimeout\nmesh: default\n',
      'apiVersion: kuma.io/v1alpha1\nkind: MeshTrace\nmetadata:\n  labels: {}\n',
      'a: [unclosed\n',
    ].join('---\n')
    const res = await kumoctl(['apply', '-f', writeFile(dir, 'broken.yaml', text)])
    expect(res.code).toBe(1)
    expect(res.stderr.split('\n')[0]).toBe(
      'Error: 4 of 5 resource(s) are not valid; nothing was applied',
    )
    expect(res.stderr).toMatch(
      /\* resource\[1\] in .*broken\.yaml: failed to read meta: type: unknown resource type "Frobnicator"/,
    )
    expect(res.stderr).toMatch(/\* resource\[2\] .*name: cannot be empty/)
    expect(res.stderr).toMatch(/\* resource\[3\] .*metadata\.name: cannot be empty/)
    expect(res.stderr).toMatch(/\* resource\[4\] .*failed to parse resource/)
    expect((await kumoctl(['get', 'meshretry', 'should-not-exist'])).code).toBe(1)
  })

  it('validates on the server with --dry-run and writes nothing, valid or not', async () => {
    const good = stringify(example('MeshTimeout', 'dry-good'))
    const ok = await kumoctl(['apply', '--dry-run', '-f', '-'], { stdin: good })
    expect(ok.code, ok.stderr).toBe(0)
    expect(parseYaml(ok.stdout)).toMatchObject({ type: 'MeshTimeout', name: 'dry-good' })
    expect(ok.stderr).toContain('name="dry-good" is valid (dry run, nothing written)')
    expect((await kumoctl(['get', 'meshtimeout', 'dry-good'])).code).toBe(1)

    const bad = await kumoctl(['apply', '--dry-run', '-f', '-'], {
      stdin: `${good}---\n${BAD_TIMEOUT}`,
    })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(
      /^Error: 1 of 2 resource\(s\) are not valid \(dry run, nothing written\)/m,
    )
    expect(bad.stderr).toContain('  * spec.to[1].default:')
    expect((await kumoctl(['get', 'meshtimeout', 'dry-good'])).code).toBe(1)
  })
})

describe('kumoctl and the network', () => {
  it('exits 2 when the control plane cannot be reached', async () => {
    const port = await freePort()
    const res = await kumoctl(['get', 'meshes'], {
      env: { KUMO_ADDRESS: `http://127.0.0.1:${port}` },
    })
    expect(res.code).toBe(2)
    expect(res.stderr).toBe(
      `Error: could not reach the control plane at http://127.0.0.1:${port} (KUMO_ADDRESS): connection refused\n`,
    )
  })

  it('exits 1 with the reason when the token has expired', async () => {
    const issued = await kumoctl(['generate', 'api-token', '--role', 'viewer', '--valid-for', '1s'])
    expect(issued.code, issued.stderr).toBe(0)
    await new Promise((r) => setTimeout(r, 2100))
    const res = await kumoctl(['get', 'meshes'], { env: { KUMO_TOKEN: issued.stdout } })
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/refused the credentials: Unauthenticated \(token expired\)/)
  })

  it('issues API tokens whose role the server enforces', async () => {
    const viewer = (await kumoctl(['generate', 'api-token', '--role', 'viewer'])).stdout
    expect(viewer.split('.')).toHaveLength(3)
    expect((await kumoctl(['get', 'meshes'], { env: { KUMO_TOKEN: viewer } })).code).toBe(0)
    const write = await kumoctl(['apply', '-f', '-'], {
      env: { KUMO_TOKEN: viewer },
      stdin: stringify(example('MeshTimeout', 'viewer-write')),
    })
    expect(write.code).toBe(1)
    expect(write.stderr).toMatch(/failed server side: Access Denied/)
    const badRole = await kumoctl(['generate', 'api-token', '--role', 'boss'])
    expect(badRole.code).toBe(1)
    expect(badRole.stderr).toMatch(/\* role: /)
  })
})

describe('kumoctl config control-planes', () => {
  it('adds, lists, switches and removes control planes in the config file it is given', async () => {
    const cfgDir = tempDir()
    const file = join(cfgDir, 'config')
    const noEnv = { KUMO_ADDRESS: undefined, KUMO_TOKEN: undefined }
    const k = (args: string[]) => kumoctl(['--config-file', file, ...args], { env: noEnv })
    const add = await k([
      'config',
      'control-planes',
      'add',
      '--name',
      'edge',
      '--address',
      worker.url,
      '--auth-type=tokens',
      '--auth-conf',
      `token=${worker.adminToken}`,
    ])
    expect(add.code, add.stderr).toBe(0)
    expect(add.stdout).toBe('added Control Plane "edge"\nswitched active Control Plane to "edge"\n')
    expect((await k(['get', 'meshes'])).code).toBe(0)

    const dup = await k([
      'config',
      'control-planes',
      'add',
      '--name',
      'edge',
      '--address',
      worker.url,
      '--skip-check',
    ])
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/already exists\. Use --overwrite/)
    const refused = await k([
      'config',
      'control-planes',
      'add',
      '--name',
      'wrong',
      '--address',
      worker.url,
      '--auth-type=tokens',
      '--auth-conf',
      'token=not-a-token',
    ])
    expect(refused.code).toBe(1)

    const other = await k([
      'config',
      'control-planes',
      'add',
      '--name',
      'other',
      '--address',
      'http://127.0.0.1:9',
      '--skip-check',
    ])
    expect(other.code).toBe(0)
    const list = await k(['config', 'control-planes', 'list'])
    expect(list.stdout).toBe(
      `ACTIVE   NAME    ADDRESS\n         edge    ${worker.url}\n*        other   http://127.0.0.1:9\n`,
    )
    expect((await k(['config', 'control-planes', 'use', '--name', 'edge'])).stdout).toBe(
      'switched active Control Plane to "edge"\n',
    )
    expect((await k(['get', 'meshes'])).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toMatch(/currentContext: edge/)
    const removed = await k(['config', 'control-planes', 'remove', '--name', 'edge'])
    expect(removed.stdout).toBe(
      'removed Control Plane "edge"\nswitched active Control Plane to "other"\n',
    )
    const missing = await k(['config', 'control-planes', 'remove', '--name', 'edge'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('Error: there is no Control Plane with name "edge"\n')
  })
})

describe('kumoctl --help', () => {
  it.each([
    [[]],
    [['apply']],
    [['get']],
    [['delete']],
    [['inspect']],
    [['inspect', 'dataplanes']],
    [['inspect', 'dataplane']],
    [['generate', 'zone-token']],
    [['generate', 'dataplane-token']],
    [['generate', 'api-token']],
    [['config', 'control-planes', 'add']],
  ])('prints usage for %j and exits 0', async (words) => {
    const res = await runKumoctl([...words, '--help'])
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/Usage:\n {2}kumoctl/)
    expect(res.stdout).toContain('Flags:')
  })

  it('rejects an unknown flag as a user error', async () => {
    const res = await runKumoctl(['get', 'meshes', '--frob'])
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/unknown flag '--frob'.*Run 'kumoctl get --help' for usage/)
  })
})
