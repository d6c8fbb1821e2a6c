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
const FLOOR = 123

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
  'crud/get_zone-ingress',
  'crud/get_zone-ingress_by_kri',
  'crud/list_dp_with_filters',
  'crud/list_dp_with_label_filter',
  'crud/list_dp_with_label_filter_bad',
  'crud/list_dp_with_label_filter_op_unsupported',
  'crud/list_global-secret',
  'crud/list_globalsecret',
  'crud/list_mesh',
  'crud/list_mesh_doesnt_exist_not_found',
  'crud/list_meshservices',
  'crud/list_workloads',
  'crud/list_zone-ingresses',
  'crud/list_zoneingresses',
  'crud/put_dataplanes',
  'crud/put_globalsecret',
  'crud/put_immutable_displayname',
  'crud/put_immutable_origin',
  'crud/put_meshaccesslog',
  'crud/put_meshes',
  'crud/put_meshexternalservice',
  'crud/put_meshmultizoneservice',
  'crud/put_meshservice',
  'crud/put_mtp',
  'crud/put_secret',
  'crud/put_update_dataplanes',
  'inspect/dataplanes/_layout/empty_reachable_backend',
  'inspect/dataplanes/_layout/meshservice_disabled',
  'inspect/dataplanes/_layout/missing_reachable_backend',
  'inspect/dataplanes/_layout/multiple_mixed_destinations',
  'inspect/dataplanes/_layout/multiple_ms_destinations',
  'inspect/dataplanes/_layout/single_dp',
  'inspect/dataplanes/_layout/single_ms_destination',
  'inspect/dataplanes/_layout/single_universal_outbound',
  'inspect/dataplanes/_layout/single_universal_outbound_with_labels',
  'inspect/dataplanes/_layout/with_mesh_identity',
  'inspect/dataplanes/_layout/with_mesh_identity_not_ready',
  'inspect/dataplanes/_policies/inbounds/almost_valid_inbound_kri',
  'inspect/dataplanes/_policies/inbounds/invalid_inbound_kri',
  'inspect/dataplanes/_policies/inbounds/merged_inbound_policy',
  'inspect/dataplanes/_policies/inbounds/merged_mtp',
  'inspect/dataplanes/_policies/inbounds/mtp_multi_rule',
  'inspect/dataplanes/_policies/inbounds/no_policies',
  'inspect/dataplanes/_policies/inbounds/single_inbound_policy',
  'inspect/dataplanes/_policies/inbounds/ze_listener',
  'inspect/dataplanes/_policies/merged_policies',
  'inspect/dataplanes/_policies/meshservice_disabled',
  'inspect/dataplanes/_policies/multiple_policies',
  'inspect/dataplanes/_policies/no_policies',
  'inspect/dataplanes/_policies/outbounds/invalid_outbound_kri',
  'inspect/dataplanes/_policies/outbounds/merged_outbound_policies',
  'inspect/dataplanes/_policies/outbounds/multiple_outbound_polices',
  'inspect/dataplanes/_policies/outbounds/single_outbound_policy_selecting_mesh',
  'inspect/dataplanes/_policies/outbounds/single_outbound_policy_selecting_ms',
  'inspect/dataplanes/_policies/outbounds/single_outbound_policy_selecting_port',
  'inspect/dataplanes/_policies/routes/fallback_route_conf_to_ms',
  'inspect/dataplanes/_policies/routes/invalid_outbound_kri',
  'inspect/dataplanes/_policies/routes/invalid_route_kri',
  'inspect/dataplanes/_policies/routes/multiple_different_policies',
  'inspect/dataplanes/_policies/routes/multiple_merged_policies_different_to',
  'inspect/dataplanes/_policies/routes/multiple_merged_policies_targeting_route',
  'inspect/dataplanes/_policies/routes/no_policies',
  'inspect/dataplanes/_policies/routes/single_policy',
  'inspect/dataplanes/_policies/single_proxy_policy',
  'inspect/dataplanes/_routes/invalid_outbound_kri',
  'inspect/dataplanes/_routes/meshservice_meshhttproute',
  'inspect/dataplanes/_routes/meshservice_meshtcproute',
  'inspect/dataplanes/_routes/meshservice_mixed_routes',
  'inspect/dataplanes/_routes/meshservice_multiple_meshhttproute',
  'inspect/dataplanes/_rules/dataplane_kind_meshtimeout_section_name',
  'inspect/dataplanes/_rules/dp_not_found',
  'inspect/dataplanes/_rules/inboundrule_meshtimeout_section',
  'inspect/dataplanes/_rules/mesh_doesnt_exist_not_found',
  'inspect/dataplanes/_rules/meshgateway',
  'inspect/dataplanes/_rules/meshhttprouteabsent',
  'inspect/dataplanes/_rules/overriding_meshtimeout',
  'inspect/dataplanes/_rules/overriding_meshtrace',
  'inspect/dataplanes/_rules/proxyconfig_badrequest_1',
  'inspect/dataplanes/_rules/proxyconfig_shadow-false',
  'inspect/dataplanes/_rules/proxyconfig_shadow-false_diff',
  'inspect/dataplanes/_rules/resource_rule_meshtimeout',
  'inspect/dataplanes/_rules/resource_rule_meshtimeout_exclusive',
  'inspect/dataplanes/_rules/resource_rule_meshtimeout_index',
  'inspect/dataplanes/_rules/ze_listener',
  'inspect/meshgateways/_rules/empty',
  'inspect/meshgateways/_rules/gw_not_found',
  'inspect/meshgateways/_rules/mesh_doesnt_exist_not_found',
  'inspect/meshgateways/_rules/meshgateway',
  'inspect/meshgateways/_rules/meshgateway2',
  'inspect/meshgateways/_rules/meshgateway_endpoint',
  'inspect/meshgateways/_rules/meshgateway_from_global',
  'inspect/meshgateways/_rules/meshgateway_from_zone',
  'inspect/meshgateways/_rules/meshtrace_on_mesh',
  'inspect/meshservices/_dataplanes/meshservice',
  'inspect/meshservices/_dataplanes/meshservice_exact_match',
  'inspect/policies/_resources/dataplanes/match_mesh_dataplanes',
  'inspect/policies/_resources/dataplanes/mesh_doesnt_exist_not_found',
  'inspect/policies/_resources/dataplanes/meshhttproute_absent_dataplanes',
  'inspect/policies/_resources/dataplanes/meshhttproute_dataplanes',
  'inspect/policies/_resources/dataplanes/meshservice',
  'inspect/policies/_resources/dataplanes/meshtimeout_consumer_dataplanes',
  'inspect/policies/_resources/dataplanes/namefilter_dataplanes',
  'inspect/policies/_resources/dataplanes/policy_not_found_dataplanes',
  'inspect/services/_resources/hostnames/global/invalid_service_hostnames',
  'inspect/services/_resources/hostnames/global/meshexternalservice_hostnames_global',
  'inspect/services/_resources/hostnames/global/meshmultizoneservice_hostnames_global',
  'inspect/services/_resources/hostnames/global/meshservice_hostnames_global',
  'inspect/services/_resources/hostnames/global/meshservice_hostnames_noncompliant',
  'inspect/services/_resources/hostnames/global/meshservice_hostnames_zone_local',
  'inspect/services/_resources/hostnames/global/meshservice_hostnames_zone_synced',
  'inspect/services/_resources/hostnames/zone/meshexternalservice_hostnames_synced_global',
  'inspect/services/_resources/hostnames/zone/meshmultizoneservice_hostnames_global',
  'inspect/services/_resources/hostnames/zone/meshservice_hostnames_for_global',
  'inspect/services/_resources/hostnames/zone/meshservice_hostnames_multiple_generators',
  'inspect/services/_resources/hostnames/zone/meshservice_hostnames_not_found',
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
