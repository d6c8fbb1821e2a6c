/** @module Types of cases.mjs, the reader and differ of Kuma's api-server conformance cases. */

export interface Action {
  path: string
  status: number
  method: string
  /** suffix tells the action's files apart: `_NN` when the case has several actions, else ''. */
  suffix?: string
  requestFile?: string
  request?: string
  goldenFile?: string
  golden?: string
}

export interface Case {
  file: string
  name: string
  folder: string
  actions: Action[]
  resources: Record<string, any>[]
}

export interface Difference {
  path: string
  expected: string
  got: string
}

export const LEGACY_KINDS: Record<string, string>
export const ZERO_TIME: string
export function findCases(dir: string): string[]
export function parseActions(text: string): Action[]
export function parseResources(text: string): Record<string, any>[]
export function loadCase(file: string, root: string): Case
export function caseMode(c: Pick<Case, 'folder'>): 'zone' | 'global'
export function actualOf(status: number, body: string): { status: number; body: unknown }
export function legacyKinds(c: Pick<Case, 'actions' | 'resources'>): string[]
export function meshPlan(c: Pick<Case, 'resources'>): { deleteDefault: boolean; note?: string }
export function normalize(body: string, address: string): string
export function tenantName(index: number, caseName: string): string
export function jsonDiff(
  expected: unknown,
  got: unknown,
  path?: string,
  out?: Difference[],
): Difference[]
export function compareBody(golden: string | undefined, body: string): Difference[]
