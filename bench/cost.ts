/**
 * @module edge_cost: per change and per idle zone-minute usage as measured, and from them the
 * monthly cost of one zone of 1,000 proxies at Cloudflare's published Workers Paid prices. The
 * assumptions are written into the figure's params.
 */
import type { Result } from './results'
import type { Usage } from './scenarios'

type Emit = (r: Omit<Result, 'machine' | 'revision'>) => void

/** PRICES are Cloudflare's published usage prices (Workers Paid, standard usage model), USD. */
export const PRICES = {
  workerRequestPerM: 0.3,
  workerCpuMsPerM: 0.02,
  d1RowsReadPerM: 0.001,
  d1RowsWrittenPerM: 1.0,
  doRequestPerM: 0.15,
  doGbSecondPerM: 12.5,
  /** SQLite-backed Durable Object storage: rows written (each `bump` writes one). */
  doRowsWrittenPerM: 1.0,
}

const MINUTES_PER_MONTH = 30 * 24 * 60
/** CHANGES_PER_MONTH: 100 config writes a day to the zone's mesh (assumption). */
const CHANGES_PER_MONTH = 100 * 30

export function edgeCost(o: {
  emit: Emit
  perChange: { usage: Usage; changes: number; n: number }
  idle: { usage: Usage; n: number; seconds: number }
}) {
  const c = o.perChange
  const k = Math.max(1, c.changes)
  const each = (v: number) => v / k
  const p = { proxies: c.n, changes: c.changes }
  o.emit({
    name: `edge_cost_change_d1_reads_${c.n}`,
    value: each(c.usage.d1Reads),
    unit: 'queries',
    params: p,
  })
  o.emit({
    name: `edge_cost_change_d1_writes_${c.n}`,
    value: each(c.usage.d1Writes),
    unit: 'queries',
    params: p,
  })
  o.emit({
    name: `edge_cost_change_d1_rows_read_${c.n}`,
    value: each(c.usage.d1RowsRead),
    unit: 'rows',
    params: p,
  })
  o.emit({
    name: `edge_cost_change_d1_rows_written_${c.n}`,
    value: each(c.usage.d1RowsWritten),
    unit: 'rows',
    params: p,
  })
  o.emit({
    name: `edge_cost_change_do_requests_${c.n}`,
    value: each(c.usage.doRequests),
    unit: 'req',
    params: { ...p, byMethod: c.usage.doByMethod },
  })
  o.emit({
    name: `edge_cost_change_requests_${c.n}`,
    value: each(c.usage.requests),
    unit: 'req',
    params: p,
  })
  o.emit({
    name: `edge_cost_change_cpu_ms_${c.n}`,
    value: each(c.usage.cpuMs),
    unit: 'ms',
    params: { ...p, what: 'workerd process CPU (this machine)' },
  })

  // one zone of `n` proxies for a month, scaled to 1,000 proxies
  const idlePerMin = (v: number) => (v * 60) / o.idle.seconds
  const month = (k: keyof Omit<Usage, 'doByMethod'>) =>
    idlePerMin(o.idle.usage[k]) * MINUTES_PER_MONTH + each(c.usage[k]) * CHANGES_PER_MONTH
  const bumps = each(c.usage.doByMethod.bump ?? 0) * CHANGES_PER_MONTH
  const doGbS = 0.128 * MINUTES_PER_MONTH * 60 // the notifier holds a waiting long-poll all month
  const lines = {
    workerRequests: (month('requests') / 1e6) * PRICES.workerRequestPerM,
    workerCpu: (month('cpuMs') / 1e6) * PRICES.workerCpuMsPerM,
    d1RowsRead: (month('d1RowsRead') / 1e6) * PRICES.d1RowsReadPerM,
    d1RowsWritten: (month('d1RowsWritten') / 1e6) * PRICES.d1RowsWrittenPerM,
    doRequests: (month('doRequests') / 1e6) * PRICES.doRequestPerM,
    doDuration: (doGbS / 1e6) * PRICES.doGbSecondPerM,
    doStorageWrites: (bumps / 1e6) * PRICES.doRowsWrittenPerM,
  }
  // usage grows with proxies; the notifier's duration is per tenant and does not
  const scale = o.idle.n >= 1000 ? 1 : 1000 / o.idle.n
  for (const k2 of Object.keys(lines) as (keyof typeof lines)[])
    if (k2 !== 'doDuration') lines[k2] *= scale
  const total = Object.values(lines).reduce((a, b) => a + b, 0)
  const rounded = Object.fromEntries(
    Object.entries(lines).map(([k2, v]) => [k2, Number(v.toFixed(4))]),
  )
  o.emit({
    name: 'edge_cost_monthly_usd_per_1000_proxies',
    value: total,
    unit: 'USD',
    params: {
      proxies: o.idle.n,
      lines: rounded,
      assumptions:
        `one zone (one agent) of ${o.idle.n} proxies${o.idle.n >= 1000 ? '' : ', scaled linearly to 1,000'}; ` +
        `${CHANGES_PER_MONTH} config changes a month (100 a day) at the measured per-change usage; ` +
        `idle usage measured over ${o.idle.seconds} s times ${MINUTES_PER_MONTH} minutes; ` +
        'Workers Paid usage prices without the included allowances and without the $5 base ' +
        '(requests $0.30/M, CPU $0.02/M ms; D1 rows read $0.001/M, rows written $1.00/M; ' +
        'Durable Objects requests $0.15/M, duration $12.50/M GB-s, SQLite rows written $1.00/M); ' +
        'Worker CPU is the workerd process CPU on this machine (an upper bound: it includes the ' +
        'runtime and local D1); the RevisionNotifier is billed as active all month (128 MB) because ' +
        'a long-poll always waits on it; agent -> proxy traffic is local to the zone and free',
    },
  })
}
