/** @module Go durations as inspect answers print them; the rules live with the policies. */
export {
  canonicalConf,
  canonicalDuration,
  DURATION_PATHS,
  formatGoDuration,
  parseGoDuration,
} from '../policies/common/durations'
