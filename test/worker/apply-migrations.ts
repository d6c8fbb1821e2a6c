import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

// Each test file gets isolated storage; migrations make its D1 ready.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
