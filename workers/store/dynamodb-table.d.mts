/** @module Types of dynamodb-table.mjs: Kumo's DynamoDB table definition and `ensureTable`. */
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb'

export declare const BY_TYPE: 'byType'

export declare function tableDefinition(
  name: string,
  opts?: { streams?: boolean },
): CreateTableCommandInput

export declare function ensureTable(
  client: DynamoDBClient,
  name: string,
  opts?: { replicas?: string[]; timeoutMs?: number },
): Promise<boolean>
