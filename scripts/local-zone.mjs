/**
 * @module The example local zone that `npm start`, `scripts/propagation.mjs` and the end-to-end
 * tests run: two gRPC echo backends (echo-v1, echo-v2) behind MeshService `echo`, one MeshService
 * per version to route to, a proxyless gRPC client Dataplane (`echo-client`), and the zone agent
 * process serving them.
 */
import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * exampleDataplanes is the YAML of the zone's Dataplanes for the agent's watched directory.
 * @param {{ mesh?: string, v1Port: number, v2Port: number }} o
 */
export function exampleDataplanes({ mesh = 'default', v1Port, v2Port }) {
  const backend = (version, port) => `type: Dataplane
mesh: ${mesh}
name: echo-${version}
networking:
  address: 127.0.0.1
  inbound:
    - port: ${port}
      name: grpc
      tags:
        kuma.io/service: echo-${version}
        kuma.io/protocol: grpc
        app: echo
        version: ${version}
`
  return `${backend('v1', v1Port)}---
${backend('v2', v2Port)}---
# a proxyless gRPC client: its config is what @grpc/grpc-js-xds reads, not Envoy's
type: Dataplane
mesh: ${mesh}
name: echo-client
labels:
  kumo.io/proxy-type: grpc
networking:
  address: 127.0.0.1
  inbound:
    - port: 5690
      tags:
        kuma.io/service: echo-client
        kuma.io/protocol: grpc
`
}

/**
 * exampleMeshServices are `echo` (both versions, what clients dial: `xds:///echo`) and one
 * MeshService per version (what a MeshHTTPRoute splits between).
 * @param {string} [mesh]
 */
export function exampleMeshServices(mesh = 'default') {
  const ms = (name, tags) => ({
    type: 'MeshService',
    name,
    mesh,
    spec: {
      selector: { dataplaneTags: tags },
      ports: [{ port: 80, targetPort: 'grpc', appProtocol: 'grpc', name: 'grpc' }],
    },
  })
  return [
    ms('echo', { app: 'echo' }),
    ms('echo-v1', { app: 'echo', version: 'v1' }),
    ms('echo-v2', { app: 'echo', version: 'v2' }),
  ]
}

/**
 * splitRoute is a MeshHTTPRoute sending `echo`'s calls to echo-v1 and echo-v2 by weight.
 * @param {number} v1 weight of echo-v1
 * @param {number} v2 weight of echo-v2
 * @param {string} [mesh]
 */
export function splitRoute(v1, v2, mesh = 'default') {
  const refs = [
    { kind: 'MeshService', name: 'echo-v1', port: 80, weight: v1 },
    { kind: 'MeshService', name: 'echo-v2', port: 80, weight: v2 },
  ].filter((r) => r.weight > 0)
  return {
    type: 'MeshHTTPRoute',
    name: 'echo-split',
    mesh,
    spec: {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'echo' },
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              default: { backendRefs: refs },
            },
          ],
        },
      ],
    },
  }
}

/**
 * startAgent runs `kumo-agent` in its own process group (stop it with `process.kill(-pid)`).
 * @param {{ controlPlane: string, zone: string, tokenFile: string, stateDir: string,
 *   dataplanesDir?: string, adsAddress: string, apiAddress: string, hold?: number,
 *   stdio?: import('node:child_process').StdioOptions, logLevel?: string }} o
 */
export function startAgent(o) {
  const args = [
    join(ROOT, 'agent', 'kumo-agent.mjs'),
    '--control-plane',
    o.controlPlane,
    '--zone',
    o.zone,
    '--zone-token',
    o.tokenFile,
    '--state-dir',
    o.stateDir,
    '--ads-address',
    o.adsAddress,
    '--api-address',
    o.apiAddress,
    '--log-level',
    o.logLevel ?? 'info',
  ]
  if (o.dataplanesDir) args.push('--dataplanes-dir', o.dataplanesDir)
  if (o.hold !== undefined) args.push('--hold', String(o.hold))
  return spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: o.stdio ?? ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
}

/**
 * startEchoProcess runs `scripts/echo.mjs serve` in its own process group.
 * @param {string} name
 * @param {number} port
 * @param {import('node:child_process').StdioOptions} [stdio]
 */
export function startEchoProcess(name, port, stdio = ['ignore', 'ignore', 'inherit']) {
  return spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'echo.mjs'), 'serve', '--name', name, '--port', String(port)],
    { cwd: ROOT, stdio, detached: true },
  )
}

/**
 * stopGroup ends a detached child's process group: SIGTERM, then SIGKILL after graceMs.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs]
 */
export async function stopGroup(child, graceMs = 3000) {
  if (!child.pid) return
  const signal = (sig) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), sig)
    } catch {}
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r))
    signal('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))])
  }
  signal('SIGKILL')
}
