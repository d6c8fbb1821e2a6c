/**
 * @module The `_kuma:dynamicconfig` listener (Kuma `pkg/xds/dynconf`): a listener on kuma-dp's
 * `kuma-mesh-metric-config.sock` whose routes answer kuma-dp's config requests with JSON and a
 * SHA-256 ETag, and 304 when kuma-dp already has that version.
 */
import { sha256 } from '../../inspect/sha256'
import { hcmFilter, internalAddressConfig, routerFilter, statName } from '../../xds/generator/envoy'
import type { Proxy } from '../../xds/proxy'
import type { Json, ResourceSet } from '../../xds/resource-set'
import { TypeUrl } from '../../xds/snapshot'
import { SYSTEM_PREFIX } from '../meshtrace/collector'

/** DYNAMIC_CONFIG_LISTENER is Kuma's `dynconf.ListenerName`. */
export const DYNAMIC_CONFIG_LISTENER = '_kuma:dynamicconfig'
const SYSTEM_DYNAMIC_CONFIG = `${SYSTEM_PREFIX}dynamicconfig`

/** socketName is Kuma's `socketName`: the path clipped to 98 characters, then `.sock`. */
export const socketName = (path: string) => `${path.slice(0, 98)}.sock`

/** workdirOf is kuma-dp's work directory, `/tmp` when the proxy did not say. */
export const workdirOf = (proxy: Proxy) => proxy.metadata.workdir || '/tmp'

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

/**
 * goJson is Go's `json.Marshal` text for a value built in Go's field order: like JSON.stringify,
 * but with `<`, `>`, `&`, U+2028 and U+2029 escaped as Go does.
 */
export function goJson(v: unknown): string {
  return JSON.stringify(v).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * addConfigRoute is Kuma's `dynconf.AddConfigRoute`: creates the dynamic config listener when
 * absent, then appends a 304 route for the current ETag and a 200 route serving `body` at `path`.
 * `name` is the route's section (`meshmetric` under unified naming, else the path).
 */
export function addConfigRoute(
  rs: ResourceSet,
  proxy: Proxy,
  unified: boolean,
  name: string,
  path: string,
  body: string,
): void {
  const listenerName = unified ? SYSTEM_DYNAMIC_CONFIG : DYNAMIC_CONFIG_LISTENER
  let listener = rs.get(TypeUrl.Listener, listenerName)?.resource
  if (!listener) {
    listener = {
      name: listenerName,
      address: { pipe: { path: socketName(`${workdirOf(proxy)}/kuma-mesh-metric-config`) } },
      filterChains: [
        {
          filters: [
            hcmFilter({
              statPrefix: statName(listenerName),
              httpFilters: [routerFilter()],
              internalAddressConfig: internalAddressConfig(false),
              routeConfig: {
                virtualHosts: [{ name: listenerName, domains: ['*'], routes: [] }],
              },
            }),
          ],
        },
      ],
    }
    if (unified) listener.statPrefix = listenerName
    rs.add({ typeUrl: TypeUrl.Listener, name: listenerName, origin: 'policy', resource: listener })
  }
  const bytes = new TextEncoder().encode(body)
  const etag = hex(sha256(bytes))
  const hcm = (((listener.filterChains as Json[])[0].filters as Json[])[0].typedConfig ??
    {}) as Json
  const routeConfig = hcm.routeConfig as Json
  const routes = ((routeConfig.virtualHosts as Json[])[0].routes ??= []) as Json[]
  const notModified: Json = {
    match: { path, headers: [{ name: 'If-None-Match', stringMatch: { exact: etag } }] },
    directResponse: { status: 304 },
  }
  if (unified) notModified.name = `${SYSTEM_DYNAMIC_CONFIG}_${name}_not_modified`
  routes.push(notModified, {
    name: unified ? `${SYSTEM_DYNAMIC_CONFIG}_${name}` : `${DYNAMIC_CONFIG_LISTENER}:${name}`,
    match: { path },
    responseHeadersToAdd: [{ header: { key: 'Etag', value: etag } }],
    directResponse: { status: 200, body: { inlineString: body } },
  })
  const max = routeConfig.maxDirectResponseBodySizeBytes as number | undefined
  routeConfig.maxDirectResponseBodySizeBytes = Math.max(max ?? 0, bytes.length)
}
