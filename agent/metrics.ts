/** @module Prometheus text-format pieces for the agent's `/metrics`: a cumulative histogram. */

/** Histogram counts observations into cumulative `le` buckets, Prometheus style. */
export class Histogram {
  private readonly counts: number[]
  private sum = 0
  private count = 0

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  ) {
    this.counts = buckets.map(() => 0)
  }

  observe(seconds: number) {
    this.sum += seconds
    this.count++
    this.buckets.forEach((le, i) => {
      if (seconds <= le) this.counts[i]++
    })
  }

  /** text is the histogram's exposition: HELP, TYPE, buckets, +Inf, sum and count. */
  text(): string {
    const n = this.name
    return [
      `# HELP ${n} ${this.help}`,
      `# TYPE ${n} histogram`,
      ...this.buckets.map((le, i) => `${n}_bucket{le="${le}"} ${this.counts[i]}`),
      `${n}_bucket{le="+Inf"} ${this.count}`,
      `${n}_sum ${this.sum}`,
      `${n}_count ${this.count}`,
    ].join('\n')
  }
}
