import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { validateActual, validateBalanceSettings, validateBalanceStamp, type ActualContext } from '../src/index.ts'

/**
 * The balance's entry rules as the client and the server both run them (SPEC BAL1, BAL3, BAL4,
 * BAL6, BAL7), each hostile or honest entry written out with the rule and field it breaks. The
 * alliance has partners p1 and p2; the plan has periods 2026 and 2027 (frozen); action a1 has a
 * resource brought by p1; e1 is p1's actual of 2027, e2 p1's of 2026.
 */
const NOW = Date.parse('2026-12-08T10:00:00Z')
const CTX: ActualContext = {
  author: 'u1',
  now: NOW,
  partners: new Set(['p1', 'p2']),
  periodKeys: new Set(['2026', '2027']),
  actionBrings: (actionId, partnerId) => actionId === 'a1' && partnerId === 'p1',
  entryOf: (id) => ({ e1: { partnerId: 'p1', period: '2027' }, e2: { partnerId: 'p1', period: '2026' } })[id],
  isFrozen: (period) => period === '2027',
}
const OK = { partnerId: 'p1', period: '2026', unit: 'jours_homme', amount: 4, comment: '', by: 'u1', at: NOW }

const ACTUALS: [label: string, entry: unknown, broken: [rule: string, field: string | undefined][]][] = [
  ['a plain declaration', OK, []],
  ['with an action the partner brings resources to', { ...OK, actionId: 'a1' }, []],
  ['an amendment on a frozen period', { ...OK, period: '2027', amends: 'e1' }, []],
  ['zero is an amount', { ...OK, amount: 0 }, []],
  ['not an object', 'quatre jours', [['BAL3', undefined]]],
  ['a Yjs map instead of a plain entry', new Y.Map(), [['BAL3', undefined]]],
  ['an array', [OK], [['BAL3', undefined]]],
  ['an unknown field', { ...OK, validated: true }, [['BAL3', 'validated']]],
  ['a foreign partner', { ...OK, partnerId: 'p-foreign' }, [['BAL3', 'partnerId']]],
  ['a period the plan does not have', { ...OK, period: '2031' }, [['BAL3', 'period']]],
  ['an unknown unit', { ...OK, unit: 'bitcoins' }, [['BAL3', 'unit']]],
  ['a non-number', { ...OK, amount: '4' }, [['BAL3', 'amount']]],
  ['NaN', { ...OK, amount: Number.NaN }, [['BAL3', 'amount']]],
  ['a negative amount', { ...OK, amount: -1 }, [['BAL3', 'amount']]],
  ['an amount beyond the bound', { ...OK, amount: 2e9 }, [['BAL3', 'amount']]],
  ['a comment of 1,001 characters', { ...OK, comment: 'x'.repeat(1001) }, [['BAL3', 'comment']]],
  ['an action the partner brings nothing to', { ...OK, partnerId: 'p2', actionId: 'a1' }, [['BAL3', 'actionId']]],
  ['an amendment of nothing', { ...OK, amends: 'ghost' }, [['BAL3', 'amends']]],
  ['an amendment across periods', { ...OK, amends: 'e1' }, [['BAL3', 'amends']]],
  ['an amendment across partners', { ...OK, partnerId: 'p2', period: '2027', amends: 'e1' }, [['BAL3', 'amends']]],
  ['a new declaration on a frozen period', { ...OK, period: '2027' }, [['BAL7', 'period']]],
  ['in someone else’s name', { ...OK, by: 'u2' }, [['BAL4', 'by']]],
  ['stamped an hour ago', { ...OK, at: NOW - 3_600_000 }, [['BAL4', 'at']]],
]

describe('[BAL3] [BAL4] [BAL7] an actual, as the client and the server judge it', () => {
  it.each(ACTUALS)('[BAL3] %s', (_label, entry, broken) => {
    expect(validateActual(entry, CTX, 'actuals/x').map((v) => [v.rule, v.field])).toEqual(broken)
  })
})

const SETTINGS: [label: string, fields: Record<string, unknown>, broken: [rule: string, field: string | undefined][]][] = [
  ['nothing set (defaults hold)', {}, []],
  ['every field', { rates: { jours_homme: 300, heures: 40, ETP: 45000, unites: 0 }, periodLength: 'quarter', threshold: 20 }, []],
  ['a negative rate', { rates: { jours_homme: -1, heures: 40, ETP: 0, unites: 0 } }, [['BAL1', 'rates.jours_homme']]],
  ['a rate for EUR', { rates: { EUR: 2, jours_homme: 300, heures: 40, ETP: 0, unites: 0 } }, [['BAL1', 'rates']]],
  ['a missing rate', { rates: { jours_homme: 300 } }, [['BAL1', 'rates.heures']]],
  ['rates as a Yjs map', { rates: new Y.Map() }, [['BAL1', 'rates']]],
  ['an unknown period length', { periodLength: 'month' }, [['BAL1', 'periodLength']]],
  ['a threshold of 150 %', { threshold: 150 }, [['BAL1', 'threshold']]],
  ['a fractional threshold', { threshold: 12.5 }, [['BAL1', 'threshold']]],
  ['an unknown setting', { currency: 'USD' }, [['BAL1', 'currency']]],
]

describe('[BAL1] the balance settings', () => {
  it.each(SETTINGS)('[BAL1] %s', (_label, fields, broken) => {
    expect(validateBalanceSettings(fields).map((v) => [v.rule, v.field])).toEqual(broken)
  })
})

describe('[BAL6] a validation or a freeze', () => {
  it.each([
    ['the author’s, now', { by: 'u1', at: NOW }, []],
    ['in someone else’s name', { by: 'u2', at: NOW }, [['BAL6', 'by']]],
    ['backdated', { by: 'u1', at: NOW - 86_400_000 }, [['BAL6', 'at']]],
    ['with more than a stamp', { by: 'u1', at: NOW, amount: 3 }, [['BAL6', undefined]]],
    ['not a stamp', true, [['BAL6', undefined]]],
  ] as [string, unknown, [string, string | undefined][]][])('[BAL6] %s', (_label, stamp, broken) => {
    expect(validateBalanceStamp(stamp, { author: 'u1', now: NOW }, 'actualValidations/x').map((v) => [v.rule, v.field])).toEqual(broken)
  })
})
