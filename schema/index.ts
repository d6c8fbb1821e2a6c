/** @module All drizzle tables of Kumo's D1 database. */
export * from './resources'
export * from './tenants'
