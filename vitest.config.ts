import { createServer } from 'node:net'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { configDefaults, defineConfig } from 'vitest/config'

const migrations = await readD1Migrations('./schema/migrations')

/** freePort asks the OS for a loopback port; test/store/dynalite-server.ts starts dynalite on it. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

process.env.KUMO_DYNALITE_PORT ??= String(await freePort())
const dynamodbEndpoint = `http://127.0.0.1:${process.env.KUMO_DYNALITE_PORT}`

/** dynamodb: what the Worker is given to run with STORE=dynamodb against local dynalite. */
const dynamodb = {
  STORE: 'dynamodb',
  DYNAMODB_TABLE: 'kumo-test',
  AWS_REGION: 'us-east-1',
  DYNAMODB_ENDPOINT: dynamodbEndpoint,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['core/**/*.test.ts', 'agent/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: migrations, OPERATOR_TOKEN: 'test-operator-secret' },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/worker/**/*.test.ts', 'functions/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/worker/store-dynamodb.test.ts'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
      {
        // the same route tests (and the store suite) with STORE=dynamodb, against dynalite
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                OPERATOR_TOKEN: 'test-operator-secret',
                ...dynamodb,
              },
            },
          }),
        ],
        test: {
          name: 'workers-dynamodb',
          include: ['test/worker/**/*.test.ts', 'functions/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/worker/store-d1.test.ts'],
          globalSetup: ['./test/store/dynalite-server.ts'],
          setupFiles: ['./test/worker/apply-migrations.ts', './test/store/reset-dynamodb.ts'],
          provide: { dynamodbEndpoint },
          // one table for the Worker: test files take turns, each starting from an empty table
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'agent',
          include: ['test/agent/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/conformance/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
})
