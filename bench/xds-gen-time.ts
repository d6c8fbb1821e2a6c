/**
 * @module Time the Envoy config generator on a synthetic mesh (issue 4, item 7): median time per
 * proxy for a client reaching 20 services and one reaching every service, against
 * JSON.stringify of the same snapshot. Run: `node --import tsx bench/xds-gen-time.ts [services]`.
 */
import { buildMeshContext } from '../core/meshcontext'
import { generate, prepareMesh } from '../core/xds/generator'
import { synthMesh } from '../core/xds/testing/synth'

const services = Number(process.argv[2] ?? 1000)
const runs = Number(process.argv[3] ?? 7)
const mesh = synthMesh({ services, instances: 5, policies: 50, reach: 20 })

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const time = (f: () => void) => {
  const t = performance.now()
  f()
  return performance.now() - t
}

let ctx = buildMeshContext(mesh, { zone: 'zone-1' })
const prepareMs = time(() => {
  ctx = prepareMesh(buildMeshContext(mesh, { zone: 'zone-1' }))
})
console.log(`mesh: ${services} services x 5 instances, ${mesh.resources.length} resources`)
console.log(`prepare (once per mesh revision): ${prepareMs.toFixed(1)} ms`)
for (const [label, name] of [
  ['20-service proxy', mesh.small],
  [`${services}-service proxy`, mesh.large],
] as const) {
  const gen: number[] = []
  const str: number[] = []
  let bytes = 0
  let count = 0
  for (let i = 0; i < runs; i++) {
    let res: ReturnType<typeof generate> | undefined
    gen.push(time(() => (res = generate(ctx, name))))
    if (!res?.ok) throw new Error(`${name}: ${JSON.stringify(res)}`)
    const snap = res.snapshot
    str.push(time(() => (bytes = JSON.stringify(snap.resources).length)))
    count = Object.values(snap.resources).reduce((n, byName) => n + Object.keys(byName).length, 0)
  }
  const g = median(gen)
  const s = median(str)
  console.log(
    `${label}: generate median ${g.toFixed(1)} ms over ${runs} runs; ${count} resources, ` +
      `${(bytes / 1024).toFixed(0)} KiB; JSON.stringify ${s.toFixed(1)} ms (ratio ${(g / s).toFixed(1)}x)`,
  )
}
