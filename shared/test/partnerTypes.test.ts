import { describe, expect, it } from 'vitest'
import { familyOf, PARTNER_FAMILIES, PARTNER_TYPES, type PartnerFamily, type PartnerType } from '../src/index.ts'

/** The method's three families (GLOSSARY.md): the expected family of every partner type, as a table. */
const EXPECTED: Record<PartnerType, PartnerFamily> = {
  association: 'pairs',
  reseau_associatif: 'pairs',
  catalyseur_territorial: 'pairs',
  citoyens: 'pairs',
  collectivite_territoriale: 'acteurs_publics',
  etat: 'acteurs_publics',
  acteur_academique: 'acteurs_publics',
  entreprise: 'acteurs_prives',
  fondation: 'acteurs_prives',
}

describe('[FAM1] a partner’s family is derived from its type', () => {
  it.each(Object.entries(EXPECTED))('[FAM1] %s belongs to %s', (type, family) => {
    expect(familyOf(type as PartnerType)).toBe(family)
  })

  it('[FAM1] the table covers every partner type and every family is used', () => {
    expect([...PARTNER_TYPES].sort()).toEqual(Object.keys(EXPECTED).sort())
    expect(new Set(Object.values(EXPECTED))).toEqual(new Set(PARTNER_FAMILIES))
  })
})
