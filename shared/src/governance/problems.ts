import type { LocalizedText } from '../rules/types.ts'
import { text } from '../rules/values.ts'

/**
 * Why a body's voting setup, an attendance or a ballot is refused: a stable `code` (the REST error
 * code), the GOV rule of docs/SPEC.md it breaks, and a message in both languages.
 */
export interface GovProblem {
  code: GovProblemCode
  rule: `GOV${number}`
  message: LocalizedText
  /** The member concerned, when there is one. */
  memberId?: string
}

export type GovProblemCode =
  | 'quorum_unreachable'
  | 'negative_weight'
  | 'college_seats_mismatch'
  | 'duplicate_college'
  | 'proxy_cap_exceeded'
  | 'proxy_invalid'
  | 'not_seated'
  | 'not_present'
  | 'double_vote'
  | 'no_proxy'
  | 'recused'

export const problem = (code: GovProblemCode, rule: `GOV${number}`, fr: string, en: string, memberId?: string): GovProblem =>
  memberId === undefined ? { code, rule, message: text(fr, en) } : { code, rule, message: text(fr, en), memberId }
