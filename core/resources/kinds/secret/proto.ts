/** @module kuma.system.v1alpha1.Secret as proto JSON sees it (api/system/v1alpha1/secret.proto). */
import { field, wrapper, type MessageDesc } from '../inline/protojson'

/** SecretProto is the message the inline fields of a Secret and a GlobalSecret are read into. */
export const SecretProto: MessageDesc = {
  fullName: 'kuma.system.v1alpha1.Secret',
  fields: [field('data', wrapper('BytesValue'))],
}
