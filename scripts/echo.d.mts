/** @module Types of echo.mjs, the gRPC echo service used to try and test the zone agent. */
import type { ServiceDefinition } from '@grpc/grpc-js'

export const echoService: ServiceDefinition

export interface Echo {
  name: string
  port: number
  calls(): number
  close(): Promise<void>
}

export function startEcho(name: string, opts?: { host?: string; port?: number }): Promise<Echo>

export interface WhoOptions {
  deadlineMs?: number
  sleepMs?: number
  /** failTimes makes the server fail the first N tries of `key` with UNAVAILABLE. */
  failTimes?: number
  key?: string
}

export function echoClient(target: string): {
  who(o?: WhoOptions): Promise<string>
  close(): void
}

export function registerXds(): Promise<void>
