import { describe, expect, it } from 'vitest'
import { meshServiceSelectsDataplane } from './meshservice'
import { record } from './testing'

const dp = record(
  'Dataplane',
  'dp-1',
  {
    networking: {
      inbound: [
        { port: 80, tags: { 'kuma.io/service': 'a', app: 'a' } },
        { port: 81, tags: { 'kuma.io/service': 'b', app: 'b', version: 'v2' } },
      ],
    },
  },
  { labels: { team: 'x' } },
)
const gateway = record('Dataplane', 'gw', {
  networking: { gateway: { tags: { 'kuma.io/service': 'gw' } } },
})

describe('meshServiceSelectsDataplane', () => {
  it.each([
    [
      'dataplaneTags matching one inbound',
      { dataplaneTags: { app: 'b', version: 'v2' } },
      dp,
      true,
    ],
    [
      'dataplaneTags spread over two inbounds',
      { dataplaneTags: { app: 'a', version: 'v2' } },
      dp,
      false,
    ],
    ['a wildcard tag value', { dataplaneTags: { version: '*' } }, dp, true],
    [
      'dataplaneTags matching the gateway',
      { dataplaneTags: { 'kuma.io/service': 'gw' } },
      gateway,
      true,
    ],
    ['dataplaneRef by name', { dataplaneRef: { name: 'dp-1' } }, dp, true],
    ['dataplaneRef to another', { dataplaneRef: { name: 'dp-2' } }, dp, false],
    ['dataplaneLabels', { dataplaneLabels: { matchLabels: { team: 'x' } } }, dp, true],
    ['dataplaneLabels not carried', { dataplaneLabels: { matchLabels: { team: 'y' } } }, dp, false],
    ['no selector', {}, dp, false],
  ])('answers for %s', (_, selector, dataplane, want) => {
    expect(meshServiceSelectsDataplane({ selector }, dataplane)).toBe(want)
  })
})
