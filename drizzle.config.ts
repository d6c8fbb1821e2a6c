import { defineConfig } from 'drizzle-kit'

// Generates the SQL of a new numbered migration from schema/: `npx drizzle-kit generate`.
export default defineConfig({
  dialect: 'sqlite',
  schema: './schema/index.ts',
  out: './schema/migrations',
  migrations: { prefix: 'index' },
})
