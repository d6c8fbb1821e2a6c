/** @module Structural schema of HostnameGenerator's spec (Kuma CRD `kuma.io_hostnamegenerators.yaml`). */
import type { JSONSchemaProps } from '../../../schema/types'
import { extensionSchema, labelSelectorSchema } from '../common/schema'

export const specSchema: JSONSchemaProps = {
  type: 'object',
  required: ['template'],
  properties: {
    extension: extensionSchema,
    selector: {
      type: 'object',
      properties: {
        meshExternalService: labelSelectorSchema,
        meshMultiZoneService: labelSelectorSchema,
        meshService: labelSelectorSchema,
      },
    },
    template: { type: 'string' },
  },
}
