/** @module HostnameGenerator's semantic rules (Kuma `hostnamegenerator/api/v1alpha1/validate.go`). */
import type { ValidateContext } from '../../kind'
import { PathBuilder, ValidationError } from '../../../validators/validation-error'
import { isDNS1123Subdomain } from '../../../validators/names'
import { isDefined } from '../../../validators/json'
import { render, TemplateUnsupported } from './template'
import type { HostnameGenerator } from './types'

/** stub holds the values Kuma renders a template with to check that it yields a DNS name. */
const stub = {
  Name: 'name',
  DisplayName: 'displayname',
  Namespace: 'namespace',
  Mesh: 'mesh',
  Zone: 'zone',
}
const stubType =
  'struct { Name string; DisplayName string; Namespace string; Mesh string; Zone string }'

/** validate checks exactly one selector is set, the template renders to a DNS name, the extension has a type. */
export function validate(spec: Record<string, unknown>, _ctx: ValidateContext): ValidationError {
  const hg = spec as Partial<HostnameGenerator>
  const verr = new ValidationError()
  const path = PathBuilder.rootedAt('spec')
  const selector = hg.selector ?? {}
  const defined = [
    selector.meshService,
    selector.meshExternalService,
    selector.meshMultiZoneService,
  ].filter(isDefined)
  if (defined.length !== 1) {
    verr.addViolation(
      path.field('selector'),
      'exact one selector (meshService, meshExternalService) must be defined',
    )
  }
  const templateErr = validateTemplate(typeof hg.template === 'string' ? hg.template : '')
  if (templateErr) verr.addViolation(path.field('template'), templateErr)
  if (isDefined(hg.extension) && !hg.extension?.type) {
    verr.addViolation(path.field('extension').field('type'), 'must not be empty')
  }
  return verr
}

/** validateTemplate returns Kuma's message for a template that is empty, broken or not DNS-shaped. */
export function validateTemplate(template: string): string | undefined {
  if (template === '') return 'must not be empty'
  let result: ReturnType<typeof render>
  try {
    result = render(template, stub, stubType, { label: (_key: string) => 'label' })
  } catch (e) {
    // Outside the supported subset of text/template: accept rather than reject what Kuma may accept.
    if (e instanceof TemplateUnsupported) return undefined
    throw e
  }
  if (result.parseError) return `couldn't parse template: ${result.parseError}`
  if (result.execError) return `couldn't render template with stub values: ${result.execError}`
  const rendered = result.output ?? ''
  const violations = isDNS1123Subdomain(rendered)
  if (violations.length > 0) {
    return `template renders to ${JSON.stringify(rendered)} which is not a valid DNS name: ${violations.join(', ')}`
  }
  return undefined
}
