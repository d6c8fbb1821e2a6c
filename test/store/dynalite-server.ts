/** @module vitest globalSetup (Node side): dynalite on the loopback port vitest.config.ts chose. */
import dynalite from 'dynalite'

declare module 'vitest' {
  interface ProvidedContext {
    /** dynamodbEndpoint is dynalite's URL (set in vitest.config.ts, served from here). */
    dynamodbEndpoint: string
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const port = Number(process.env.KUMO_DYNALITE_PORT)
  // tables are ACTIVE at once: each test file drops and re-creates the Worker's table
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
