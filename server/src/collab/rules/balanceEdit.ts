import {
  actualEntity,
  actualsOf,
  actualValidationEntity,
  actualValidationsOf,
  actionsOf,
  balancePeriods,
  balanceSettingsOf,
  can,
  frozenPeriodEntity,
  frozenPeriodsOf,
  LIMITS,
  periodLengthLocked,
  readBalanceSettings,
  readPlainFields,
  ROOT,
  validateActual,
  validateBalanceSettings,
  validateBalanceStamp,
  violationInputs,
  type LocalizedText,
  type PlanPeriod,
  type Verb,
} from '@ensemble/shared'
import * as Y from 'yjs'
import type { TypeChange } from '../changes.ts'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { invalid, malformed } from './refusals.ts'

/** The roots of the partners' balance in the plan document. */
export const BALANCE_ROOTS: ReadonlySet<string> = new Set([ROOT.balance, ROOT.actuals, ROOT.actualValidations, ROOT.frozenPeriods])

const ENTITY_OF: Record<string, (key: string) => string> = {
  [ROOT.actuals]: actualEntity,
  [ROOT.actualValidations]: actualValidationEntity,
  [ROOT.frozenPeriods]: frozenPeriodEntity,
}

const MESSAGES = {
  settings: {
    fr: 'Seuls l’administration et le comité de pilotage modifient les réglages de l’équilibre.',
    en: 'Only admin and steering change the balance settings.',
  },
  appendOnly: {
    fr: 'Une réalisation, une validation ou un gel ne se modifie ni ne se supprime : ajoutez une rectification.',
    en: 'An actual, a validation or a freeze is never changed nor removed: add an amendment.',
  },
  declare: {
    fr: 'Seuls les membres de ce partenaire déclarent ses réalisations.',
    en: 'Only this partner’s members declare its actuals.',
  },
  amend: {
    fr: 'Seuls les membres de ce partenaire, l’administration et le comité de pilotage rectifient ses réalisations.',
    en: 'Only this partner’s members, admin and steering amend its actuals.',
  },
  validate: {
    fr: 'Seuls l’administration et le comité de pilotage valident les réalisations et gèlent les périodes.',
    en: 'Only admin and steering validate actuals and freeze periods.',
  },
} satisfies Record<string, LocalizedText>

function forbid(rule: 'BAL2' | 'BAL4' | 'BAL5' | 'BAL6', message: LocalizedText, entity: string, field?: string): EditRefusal {
  return field === undefined ? { code: 'edit_forbidden', rule, entity, message } : { code: 'edit_forbidden', rule, entity, field, message }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType)

/** Whether the plan's action `actionId` has a resource brought by `partnerId`. */
function actionBrings(doc: Y.Doc, actionId: string, partnerId: string): boolean {
  const action = actionsOf(doc).get(actionId)
  const resources = action instanceof Y.Map ? action.get('resources') : null
  if (!(resources instanceof Y.Map)) return false
  for (const resource of resources.values()) if (resource instanceof Y.Map && resource.get('partnerId') === partnerId) return true
  return false
}

/**
 * The rules of the partners' balance for one edit (`types`: the changes under its four roots):
 * admin and steering set the settings (BAL2, then BAL1 on what changed); the three entry lists only
 * grow (BAL5); an actual is declared by its partner's own writing members, or amended by them or by
 * admin and steering (BAL4), and must hold (BAL3, BAL7); validations and freezes are steering's
 * (BAL6) and name an existing actual or a period of the plan.
 */
export function checkBalanceEdit(input: EditCheckInput, types: readonly TypeChange[], period: PlanPeriod, now = Date.now()): EditRefusal | null {
  const { identity, doc, context } = input
  const settingKeys = new Set<string>()
  const adds: Record<string, string[]> = { [ROOT.actuals]: [], [ROOT.actualValidations]: [], [ROOT.frozenPeriods]: [] }

  for (const type of types) {
    const { root, path } = type
    if (root === ROOT.balance) {
      // Settings are plain values: nothing nested changes in place.
      if (type.content || path.length > 0) return malformed('VAL1', root, path[0] ?? undefined)
      if (!can(identity, 'balance.settings')) return forbid('BAL2', MESSAGES.settings, root, type.keys[0]?.key)
      for (const { key } of type.keys) settingKeys.add(key)
      continue
    }
    const entityOf = ENTITY_OF[root]!
    if (type.content || path.length > 0) return malformed(path.length === 0 ? 'VAL22' : 'VAL1', typeof path[0] === 'string' ? entityOf(path[0]) : root)
    for (const { key, change } of type.keys) {
      if (change !== 'add') return forbid('BAL5', MESSAGES.appendOnly, entityOf(key))
      adds[root]!.push(key)
    }
  }

  // ---- settings ---------------------------------------------------------------------------------
  const actuals = actualsOf(doc)
  if (settingKeys.size > 0) {
    const settings = balanceSettingsOf(doc)
    const violation = validateBalanceSettings(readPlainFields(settings)).find((v) => violationInputs(v).some((i) => settingKeys.has(i)))
    if (violation) return invalid(violation)
    if (settingKeys.has('periodLength') && actuals.size > 0) return invalid(periodLengthLocked())
  }

  // ---- actuals ----------------------------------------------------------------------------------
  const ownPartner = context.members.get(identity.userId)?.partnerId ?? null
  let periodKeys: Set<string> | null = null
  const keysOfPeriods = () => (periodKeys ??= new Set(balancePeriods(period, readBalanceSettings(doc).periodLength).map((p) => p.key)))
  const frozen = frozenPeriodsOf(doc)
  if (adds[ROOT.actuals]!.length > 0 && actuals.size > LIMITS.maxActuals) {
    return invalid({
      rule: 'BAL3',
      entity: ROOT.actuals,
      message: { fr: `Limite atteinte : au plus ${LIMITS.maxActuals} réalisations.`, en: `Limit reached: at most ${LIMITS.maxActuals} actuals.` },
    })
  }
  for (const id of adds[ROOT.actuals]!) {
    const entity = actualEntity(id)
    const entry = actuals.get(id)
    const partnerId = isPlainObject(entry) ? entry.partnerId : undefined
    const amendment = isPlainObject(entry) && entry.amends !== undefined
    const verb: Verb = amendment ? 'balance.amend' : 'balance.declare'
    if (!can(identity, verb, { ownPartner: ownPartner !== null && partnerId === ownPartner })) {
      return forbid('BAL4', amendment ? MESSAGES.amend : MESSAGES.declare, entity, 'partnerId')
    }
    const [violation] = validateActual(
      entry,
      {
        author: identity.userId,
        now,
        partners: context.partners,
        periodKeys: keysOfPeriods(),
        actionBrings: (actionId, partner) => actionBrings(doc, actionId, partner),
        entryOf: (other) => (other === id ? undefined : actuals.get(other)),
        isFrozen: (key) => frozen.has(key),
      },
      entity,
    )
    if (violation) return invalid(violation)
  }

  // ---- validations and freezes -------------------------------------------------------------------
  const validations = actualValidationsOf(doc)
  for (const id of adds[ROOT.actualValidations]!) {
    const entity = actualValidationEntity(id)
    if (!can(identity, 'balance.validate')) return forbid('BAL6', MESSAGES.validate, entity)
    const entry = actuals.get(id)
    if (!isPlainObject(entry)) {
      return invalid({ rule: 'BAL6', entity, message: { fr: 'Cette réalisation n’existe pas.', en: 'This actual does not exist.' } })
    }
    if (entry.amends === undefined && typeof entry.period === 'string' && frozen.has(entry.period)) {
      return invalid({
        rule: 'BAL7',
        entity,
        message: {
          fr: 'Cette période est gelée : seule une rectification peut encore y être validée.',
          en: 'This period is frozen: only an amendment can still be validated in it.',
        },
      })
    }
    const [violation] = validateBalanceStamp(validations.get(id), { author: identity.userId, now }, entity)
    if (violation) return invalid(violation)
  }
  for (const key of adds[ROOT.frozenPeriods]!) {
    const entity = frozenPeriodEntity(key)
    if (!can(identity, 'balance.validate')) return forbid('BAL6', MESSAGES.validate, entity)
    if (!keysOfPeriods().has(key)) {
      return invalid({ rule: 'BAL6', entity, message: { fr: 'Ce n’est pas une période du plan.', en: 'This is not a period of the plan.' } })
    }
    const [violation] = validateBalanceStamp(frozen.get(key), { author: identity.userId, now }, entity)
    if (violation) return invalid(violation)
  }
  return null
}
