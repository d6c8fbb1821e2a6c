/** @module Types of local-zone.mjs, the example local zone (echo backends, client, agent). */
import type { ChildProcess, StdioOptions } from 'node:child_process'

export function exampleDataplanes(o: { mesh?: string; v1Port: number; v2Port: number }): string
export function exampleMeshServices(mesh?: string): Record<string, unknown>[]
export function splitRoute(v1: number, v2: number, mesh?: string): Record<string, unknown>
export function startAgent(o: {
  controlPlane: string
  zone: string
  tokenFile: string
  stateDir: string
  dataplanesDir?: string
  adsAddress: string
  apiAddress: string
  hold?: number
  stdio?: StdioOptions
  logLevel?: string
}): ChildProcess
export function startEchoProcess(name: string, port: number, stdio?: StdioOptions): ChildProcess
export function stopGroup(child: ChildProcess, graceMs?: number): Promise<void>
