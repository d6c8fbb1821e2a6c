/** @module Secret spec in its canonical proto JSON form (kuma.system.v1alpha1.Secret). */

/** SecretSpec is the inline part of a Secret or GlobalSecret. */
export interface SecretSpec {
  /** data is the secret value, standard base64 with padding. */
  data?: string
}
