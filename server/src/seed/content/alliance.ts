import type { PartnerType, Role } from '@ensemble/shared'

/** The demo alliance: its partners and its people. Keys tie the plan and the bodies to them. */
export const ALLIANCE_NAME = 'Alliance Océans Hauts-de-France'

/** One password for every demo account (printed by `pnpm start`; a demo is not a secret). */
export const DEMO_PASSWORD = 'ensemble-demo'

export const PARTNERS = [
  { key: 'estran', name: 'Association Estran Vivant', type: 'association' },
  { key: 'agglo', name: 'Communauté d’agglomération du Boulonnais', type: 'collectivite_territoriale' },
  { key: 'maree', name: 'Marée d’Opale', type: 'entreprise' },
  { key: 'fondation', name: 'Fondation Littoral Solidaire', type: 'fondation' },
  { key: 'liles', name: 'Laboratoire LiLES (Littoral, Environnement et Sociétés)', type: 'acteur_academique' },
] as const satisfies readonly { key: string; name: string; type: PartnerType }[]

export type PartnerKey = (typeof PARTNERS)[number]['key']

export interface DemoPerson {
  key: string
  name: string
  email: string
  role: Role
  partner: PartnerKey
  representative: boolean
  /** What the person does, shown next to the login. */
  position: string
}

/** The first person is the alliance's coordinator: she creates the workspace and is its admin. */
export const PEOPLE = [
  {
    key: 'claire',
    name: 'Claire Delattre',
    email: 'claire@demo.ensemble.local',
    role: 'admin',
    partner: 'estran',
    representative: true,
    position: 'coordinatrice de l’alliance',
  },
  {
    key: 'marc',
    name: 'Marc Lefebvre',
    email: 'marc@demo.ensemble.local',
    role: 'steering',
    partner: 'agglo',
    representative: true,
    position: 'directeur de l’environnement',
  },
  {
    key: 'sophie',
    name: 'Sophie Vasseur',
    email: 'sophie@demo.ensemble.local',
    role: 'steering',
    partner: 'fondation',
    representative: true,
    position: 'déléguée générale',
  },
  {
    key: 'julien',
    name: 'Julien Caron',
    email: 'julien@demo.ensemble.local',
    role: 'editor',
    partner: 'maree',
    representative: true,
    position: 'responsable RSE',
  },
  {
    key: 'amina',
    name: 'Amina Benali',
    email: 'amina@demo.ensemble.local',
    role: 'editor',
    partner: 'liles',
    representative: true,
    position: 'maîtresse de conférences',
  },
  {
    key: 'nicolas',
    name: 'Nicolas Hamy',
    email: 'nicolas@demo.ensemble.local',
    role: 'commenter',
    partner: 'estran',
    representative: false,
    position: 'animateur nature',
  },
  {
    key: 'helene',
    name: 'Hélène Fournier',
    email: 'helene@demo.ensemble.local',
    role: 'observer',
    partner: 'fondation',
    representative: false,
    position: 'chargée de suivi des subventions',
  },
] as const satisfies readonly DemoPerson[]

export type PersonKey = (typeof PEOPLE)[number]['key']
