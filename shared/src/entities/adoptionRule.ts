import { z } from 'zod'
import { RICH_TEXT_DOCS } from '../layouts/documents.ts'
import type { LocalizedText } from '../rules/types.ts'

/**
 * The rule by which a sign-off round adopts a document (SIGN9), set per document kind by the
 * alliance's charter (`adoptionRules` in the charter's `meta`). Without a setting: unanimity.
 *
 * - `unanimity`: every partner approves; an abstention blocks like a missing answer.
 * - `consensus`: every partner answers and nobody objects; abstentions do not block (at least one approval).
 * - `two_thirds`: at least two thirds of the partners approve.
 * - `majority`: more than half of the partners approve.
 */
export const ADOPTION_RULES = ['unanimity', 'consensus', 'two_thirds', 'majority'] as const
export const adoptionRuleSchema = z.enum(ADOPTION_RULES)
export type AdoptionRule = z.infer<typeof adoptionRuleSchema>
export const DEFAULT_ADOPTION_RULE: AdoptionRule = 'unanimity'

/** The charter's setting: one rule per rich-text document kind it governs; a missing kind uses unanimity. */
export const adoptionRulesSchema = z.partialRecord(z.enum(RICH_TEXT_DOCS), adoptionRuleSchema)
export type AdoptionRules = z.infer<typeof adoptionRulesSchema>

/** The charter holds the setting; its meta key. */
export const ADOPTION_RULES_DOC = 'charter'
export const ADOPTION_RULES_KEY = 'adoptionRules'

/** The rule the charter's setting gives `docName` (unanimity when unset or unreadable). */
export function adoptionRuleFor(setting: unknown, docName: string): AdoptionRule {
  const parsed = adoptionRulesSchema.safeParse(setting)
  if (!parsed.success) return DEFAULT_ADOPTION_RULE
  return parsed.data[docName as keyof AdoptionRules] ?? DEFAULT_ADOPTION_RULE
}

/** One partner's answer in a round; `null`: not answered yet. */
export interface PartnerAnswer {
  partnerId: string
  vote: 'approve' | 'abstain' | 'object' | null
}

/** Text in both languages of the interface (a rule's LocalizedText), as answers carry it. */
export const localizedTextSchema = z.object({ fr: z.string(), en: z.string() })

export const adoptionOutcomeSchema = z.object({
  rule: adoptionRuleSchema,
  /** The rule is met: the round adopts the document. */
  adopted: z.boolean(),
  /** The rule can no longer be met with the answers given (until someone changes their answer). */
  blocked: z.boolean(),
  partners: z.number().int(),
  approvals: z.number().int(),
  abstentions: z.number().int(),
  objections: z.number().int(),
  pending: z.number().int(),
  /** Approvals the rule needs (for consensus: every partner must answer, one approval at least). */
  needed: z.number().int(),
  /** Why the document is (not yet) adopted, in French and English. */
  explanation: localizedTextSchema,
})
export type AdoptionOutcome = z.infer<typeof adoptionOutcomeSchema>

/** Approvals a rule needs among `partners` partners. */
export function approvalsNeeded(rule: AdoptionRule, partners: number): number {
  switch (rule) {
    case 'unanimity':
      return partners
    case 'consensus':
      return Math.min(1, partners)
    case 'two_thirds':
      return Math.ceil((2 * partners) / 3)
    case 'majority':
      return Math.floor(partners / 2) + 1
  }
}

export const ADOPTION_RULE_LABELS: Record<AdoptionRule, LocalizedText> = {
  unanimity: { fr: 'unanimité des partenaires', en: 'unanimity of partners' },
  consensus: { fr: 'consensus (aucune objection, les abstentions ne bloquent pas)', en: 'consensus (no objection, abstentions do not block)' },
  two_thirds: { fr: 'deux tiers des partenaires', en: 'two thirds of partners' },
  majority: { fr: 'majorité des partenaires', en: 'majority of partners' },
}

/**
 * Whether `answers` adopt a document under `rule`, counted over `partners` (the partners of the
 * alliance; answers of partners no longer in it do not count). Pure: the server calls it after each
 * answer and shows it with the round.
 */
export function adoptionOutcome(rule: AdoptionRule, answers: readonly PartnerAnswer[], partners: readonly string[]): AdoptionOutcome {
  const voteOf = new Map(answers.map((a) => [a.partnerId, a.vote]))
  let approvals = 0
  let abstentions = 0
  let objections = 0
  for (const partner of partners) {
    const vote = voteOf.get(partner) ?? null
    if (vote === 'approve') approvals++
    else if (vote === 'abstain') abstentions++
    else if (vote === 'object') objections++
  }
  const total = partners.length
  const pending = total - approvals - abstentions - objections
  const needed = approvalsNeeded(rule, total)
  let adopted: boolean
  let blocked: boolean
  if (total === 0) {
    adopted = false
    blocked = true
  } else if (rule === 'consensus') {
    adopted = objections === 0 && pending === 0 && approvals >= needed
    blocked = objections > 0 || (pending === 0 && approvals < needed)
  } else if (rule === 'unanimity') {
    adopted = approvals === total
    blocked = abstentions + objections > 0
  } else {
    adopted = approvals >= needed
    blocked = approvals + pending < needed
  }
  const base = { rule, adopted, blocked, partners: total, approvals, abstentions, objections, pending, needed }
  return { ...base, explanation: explain(base) }
}

function explain(o: Omit<AdoptionOutcome, 'explanation'>): LocalizedText {
  const label = ADOPTION_RULE_LABELS[o.rule]
  const counts = {
    fr: `${o.approvals} approbation(s), ${o.abstentions} abstention(s), ${o.objections} objection(s), ${o.pending} sans réponse sur ${o.partners} partenaire(s)`,
    en: `${o.approvals} approval(s), ${o.abstentions} abstention(s), ${o.objections} objection(s), ${o.pending} without answer out of ${o.partners} partner(s)`,
  }
  if (o.partners === 0) return { fr: `Règle : ${label.fr}. L’alliance n’a aucun partenaire.`, en: `Rule: ${label.en}. The alliance has no partner.` }
  if (o.adopted) return { fr: `Adopté selon la règle « ${label.fr} » : ${counts.fr}.`, en: `Adopted under the rule “${label.en}”: ${counts.en}.` }
  let why: LocalizedText
  if (o.rule === 'consensus') {
    why =
      o.objections > 0
        ? { fr: 'une objection empêche le consensus', en: 'an objection prevents consensus' }
        : o.pending > 0
          ? { fr: 'chaque partenaire doit répondre', en: 'every partner must answer' }
          : { fr: 'il faut au moins une approbation', en: 'at least one approval is needed' }
  } else if (o.rule === 'unanimity' && o.abstentions + o.objections > 0) {
    why = {
      fr: 'chaque partenaire doit approuver ; une abstention ou une objection bloque',
      en: 'every partner must approve; an abstention or an objection blocks',
    }
  } else {
    why = { fr: `il faut ${o.needed} approbation(s)`, en: `${o.needed} approval(s) are needed` }
  }
  return { fr: `Pas encore adopté (règle « ${label.fr} ») : ${why.fr} ; ${counts.fr}.`, en: `Not adopted yet (rule “${label.en}”): ${why.en}; ${counts.en}.` }
}
