import { z } from 'zod'

/**
 * The partner types of the alliance method, each with its family. The family is derived, never
 * stored: pairs (peers), acteurs publics (public actors), acteurs privés (private actors).
 * Catalysts and citizens sit with the peers: they are part of the civil society side of the table.
 */
export const PARTNER_FAMILIES = ['pairs', 'acteurs_publics', 'acteurs_prives'] as const
export type PartnerFamily = (typeof PARTNER_FAMILIES)[number]

export const PARTNER_TYPE_FAMILY = {
  association: 'pairs',
  reseau_associatif: 'pairs',
  catalyseur_territorial: 'pairs',
  citoyens: 'pairs',
  collectivite_territoriale: 'acteurs_publics',
  etat: 'acteurs_publics',
  acteur_academique: 'acteurs_publics',
  entreprise: 'acteurs_prives',
  fondation: 'acteurs_prives',
} as const satisfies Record<string, PartnerFamily>

export type PartnerType = keyof typeof PARTNER_TYPE_FAMILY
export const PARTNER_TYPES = Object.keys(PARTNER_TYPE_FAMILY) as [PartnerType, ...PartnerType[]]
export const partnerTypeSchema = z.enum(PARTNER_TYPES)

export const familyOf = (type: PartnerType): PartnerFamily => PARTNER_TYPE_FAMILY[type]
