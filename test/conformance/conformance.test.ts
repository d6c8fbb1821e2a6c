/** @module End-to-end: Kuma's api-server conformance cases against a real `wrangler dev` Worker. */
/// <reference types="node" />
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PROJECT = fileURLToPath(new URL('../..', import.meta.url))
const RUNNER = join(PROJECT, 'scripts', 'conformance.mjs')

/**
 * FLOOR is the number of Kuma cases that passed when this test was written. It only ever goes
 * up: raise it whenever more cases pass, never lower it.
 */
const FLOOR = 28

/** PASSING lists cases that pass today and must keep passing (names relative to the folder). */
const PASSING = [
  'crud/delete_dataplanes',
  'crud/delete_meshes',
  'crud/get_global-secret',
  'crud/get_globalsecret',
  'crud/get_resource',
  'crud/get_resource_by_kri_bad-request',
  'crud/get_resource_by_kri_not-found',
  'crud/get_resource_not-found',
  'crud/list_dp_with_filters',
  'crud/list_dp_with_label_filter',
  'crud/list_dp_with_label_filter_bad',
  'crud/list_dp_with_label_filter_op_unsupported',
  'crud/list_global-secret',
  'crud/list_globalsecret',
  'crud/list_mesh',
  'crud/list_mesh_doesnt_exist_not_found',
  'crud/list_meshservices',
  'crud/put_dataplanes',
  'crud/put_globalsecret',
  'crud/put_immutable_displayname',
  'crud/put_immutable_origin',
  'crud/put_meshaccesslog',
  'crud/put_meshes',
  'crud/put_meshexternalservice',
  'crud/put_meshmultizoneservice',
  'crud/put_mtp',
  'crud/put_secret',
  'crud/put_update_dataplanes',
]

interface CaseResult {
  name: string
  status: 'pass' | 'fail' | 'skip'
  reason?: string
}

interface RunResult {
  total: { pass: number; fail: number; skip: number }
  cases: CaseResult[]
}

describe('Kuma api-server conformance', () => {
  let dir: string
  let run: RunResult
  let output: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kumo-conformance-test-'))
    const json = join(dir, 'results.json')
    const res = spawnSync(process.execPath, [RUNNER, '--json', json], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 9 * 60_000,
    })
    output = `${res.stdout}\n${res.stderr}`
    if (res.status !== 0)
      throw new Error(`the conformance runner broke (exit ${res.status}):\n${output}`)
    run = JSON.parse(readFileSync(json, 'utf8')) as RunResult
  }, 10 * 60_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('ends its output with the summary line', () => {
    const { pass, fail, skip } = run.total
    expect(output).toContain(`conformance: ${pass} passed, ${fail} failed, ${skip} skipped`)
  })

  it('passes at least as many cases as the floor', () => {
    expect(run.total.pass, output).toBeGreaterThanOrEqual(FLOOR)
  })

  it.each(PASSING)('keeps passing %s', (name) => {
    const c = run.cases.find((r) => r.name === name)
    expect(c, `case ${name} was not run`).toBeDefined()
    expect(c!.status, c!.reason).toBe('pass')
  })
})
