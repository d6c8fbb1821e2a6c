/** @module Structural schema of MeshLoadBalancingStrategy's spec (Kuma CRD `kuma.io_meshloadbalancingstrategies.yaml`). */
import type { JSONSchemaProps } from '../../schema/types'
import { intOrStringSchema } from '../common/schema'
import { targetRefSchema } from '../common/targetref'

const named: JSONSchemaProps = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 } },
}

const hashPolicies: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    required: ['type'],
    properties: {
      connection: { type: 'object', properties: { sourceIP: { type: 'boolean' } } },
      cookie: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          path: { type: 'string' },
          ttl: { type: 'string' },
        },
      },
      filterState: {
        type: 'object',
        required: ['key'],
        properties: { key: { type: 'string', minLength: 1 } },
      },
      header: named,
      queryParameter: named,
      terminal: { type: 'boolean' },
      type: {
        type: 'string',
        enum: ['Header', 'Cookie', 'Connection', 'SourceIP', 'QueryParameter', 'FilterState'],
      },
    },
  },
}

const ringSize: JSONSchemaProps = { type: 'integer', format: 'int32', minimum: 1, maximum: 8000000 }
const zones: JSONSchemaProps = { type: 'array', items: { type: 'string' } }

const loadBalancer: JSONSchemaProps = {
  type: 'object',
  required: ['type'],
  properties: {
    leastRequest: {
      type: 'object',
      properties: {
        activeRequestBias: intOrStringSchema,
        choiceCount: { type: 'integer', format: 'int32', minimum: 2 },
      },
    },
    maglev: {
      type: 'object',
      properties: {
        hashPolicies,
        tableSize: { type: 'integer', format: 'int32', minimum: 1, maximum: 5000011 },
      },
    },
    random: { type: 'object' },
    ringHash: {
      type: 'object',
      properties: {
        hashFunction: { type: 'string', enum: ['XXHash', 'MurmurHash2'] },
        hashPolicies,
        maxRingSize: ringSize,
        minRingSize: ringSize,
      },
    },
    roundRobin: { type: 'object' },
    type: { type: 'string', enum: ['RoundRobin', 'LeastRequest', 'RingHash', 'Random', 'Maglev'] },
  },
}

const localityAwareness: JSONSchemaProps = {
  type: 'object',
  properties: {
    crossZone: {
      type: 'object',
      properties: {
        failover: {
          type: 'array',
          items: {
            type: 'object',
            required: ['to'],
            properties: {
              from: { type: 'object', required: ['zones'], properties: { zones } },
              to: {
                type: 'object',
                required: ['type'],
                properties: {
                  type: { type: 'string', enum: ['None', 'Only', 'Any', 'AnyExcept'] },
                  zones,
                },
              },
            },
          },
        },
        failoverThreshold: {
          type: 'object',
          required: ['percentage'],
          properties: { percentage: intOrStringSchema },
        },
      },
    },
    disabled: { type: 'boolean' },
    localZone: {
      type: 'object',
      properties: {
        affinityTags: {
          type: 'array',
          items: {
            type: 'object',
            required: ['key'],
            properties: { key: { type: 'string' }, weight: { type: 'integer', format: 'int32' } },
          },
        },
      },
    },
  },
}

/** specSchema is the structural schema of a MeshLoadBalancingStrategy `spec`. */
export const specSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    targetRef: targetRefSchema,
    to: {
      type: 'array',
      items: {
        type: 'object',
        required: ['targetRef'],
        properties: {
          default: {
            type: 'object',
            properties: { hashPolicies, loadBalancer, localityAwareness },
          },
          targetRef: targetRefSchema,
        },
      },
    },
  },
}
