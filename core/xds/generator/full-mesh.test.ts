/**
 * @module The integration golden of issue 4: a mesh with a dozen services and one policy of every
 * kind. Every Dataplane's config with all plugins matches its goldens, passes the proto judge and
 * is consistent; the input itself is what the API would accept.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { judgeSnapshot } from '../../../agent/xds/envoy-proto'
import { kindByName } from '../../resources/registry'
import { validateSchema } from '../../schema/validate'
import { POLICY_PLUGINS } from '../registry'
import { consistent } from '../snapshot'
import { goldenMessage, loadCase, matchGolden } from '../testing/golden'
import { generate } from '.'

const dir = fileURLToPath(new URL('./testdata', import.meta.url))
const c = loadCase(dir, 'full-mesh')
const problems = (vs: { field: string; message: string }[]) =>
  vs.map((v) => `${v.field}: ${v.message}`)

describe('full mesh: a dozen services and one policy of every kind', () => {
  it('holds one valid policy of every registered kind', () => {
    const invalid: string[] = []
    for (const p of POLICY_PLUGINS) {
      const policies = c.ctx.resources.list(p.kind)
      expect(policies, p.kind).toHaveLength(1)
      const kind = kindByName(p.kind)!
      const r = policies[0]
      const err = validateSchema(r.spec, kind.specSchema!, 'spec')
      const spec = kind.validate?.(r.spec, { name: r.name, mesh: r.mesh, labels: r.labels })
      for (const v of [...err.violations, ...(spec?.violations ?? [])])
        invalid.push(`${p.kind}: ${v.field}: ${v.message}`)
    }
    expect(invalid).toEqual([])
    expect(c.ctx.resources.list('MeshService')).toHaveLength(12)
  })

  it.each(c.dataplanes)(
    'generates %s with every plugin as in its golden files, consistent, and Envoy accepts it',
    (dataplane) => {
      const res = generate(c.ctx, dataplane, c.options)
      if (!res.ok) throw new Error(JSON.stringify(res))
      expect(res.warnings).toEqual([])
      expect(problems(consistent(res.snapshot))).toEqual([])
      expect(problems(judgeSnapshot(res.snapshot))).toEqual([])
      const r = matchGolden(dir, `full-mesh.${dataplane}`, res.snapshot)
      expect(problems(judgeSnapshot(r.golden))).toEqual([])
      expect(r.mismatches, goldenMessage(r)).toEqual([])
    },
  )
})
