/** @module Drizzle tables for Kuma resources and the per-mesh revision counters. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** resources holds every Kuma resource of every tenant; `mesh` is '' for global kinds. */
export const resources = sqliteTable(
  'resources',
  {
    tenant: text('tenant').notNull(),
    type: text('type').notNull(),
    mesh: text('mesh').notNull(),
    name: text('name').notNull(),
    labels: text('labels', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    spec: text('spec', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { mode: 'json' }).$type<Record<string, unknown>>(),
    version: integer('version').notNull(),
    creationTime: text('creation_time').notNull(),
    modificationTime: text('modification_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant, t.type, t.mesh, t.name] }),
    index('resources_by_name').on(t.tenant, t.type, t.name, t.mesh),
    index('resources_by_mesh').on(t.tenant, t.mesh),
  ],
)

export type ResourceRow = typeof resources.$inferSelect

/** revisions counts writes per (tenant, mesh); xDS watchers wake when it moves. */
export const revisions = sqliteTable(
  'revisions',
  {
    tenant: text('tenant').notNull(),
    mesh: text('mesh').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant, t.mesh] })],
)
