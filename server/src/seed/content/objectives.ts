import type { CollectionFrequency, EvaluationPurpose, IndicatorFamily, IsoDate } from '@ensemble/shared'
import type { PartnerKey, PersonKey } from './alliance.ts'
import type { ObjectiveKey } from './plan.ts'

/**
 * The demo's steering (issue 18, item 9 in part): two strategic objectives drawn from the vision,
 * the four operational objectives of the plan made SMART (three validated, one still a draft
 * without an indicator), indicators with a year of values — one of them behind its path — and two
 * evaluation questions. Values are dated measures entered by a member of the responsible partner.
 */
export const STRATEGIC = [
  {
    key: 'littoral',
    title: 'Un littoral boulonnais connu, partagé et protégé par celles et ceux qui y vivent',
    horizon: 5,
    vision: 'La vision partagée : que chaque habitant du Boulonnais connaisse son estran et en prenne soin, des écoles aux ports.',
  },
  {
    key: 'sobriete',
    title: 'Une filière produits de la mer sobre en plastique, reconnue pour ses pratiques',
    horizon: 4,
    vision: 'La vision partagée : une économie de la mer qui prospère sans abîmer le milieu dont elle vit.',
  },
] as const

export type StrategicKey = (typeof STRATEGIC)[number]['key']

export interface SeedOperational {
  parent: StrategicKey
  statement: string
  partners: PartnerKey[]
  targetDate: IsoDate
  resources: string
  status: 'draft' | 'validated'
}

export const OPERATIONAL: Record<ObjectiveKey, SeedOperational> = {
  education: {
    parent: 'littoral',
    statement: 'Animations sur l’estran pour les écoles du Boulonnais et balades pour les habitants, avec un carnet de terrain remis à chaque participant.',
    partners: ['estran', 'agglo'],
    targetDate: '2028-12-31',
    resources: '3 animateurs d’Estran Vivant, le car de l’agglomération, 45 000 € de la fondation',
    status: 'validated',
  },
  filiere: {
    parent: 'sobriete',
    statement: 'Remplacer les caisses et films à usage unique par des contenants consignés chez les mareyeurs volontaires de Capécure.',
    partners: ['maree', 'agglo'],
    targetDate: '2028-12-31',
    resources: 'Une chargée de mission RSE, la plateforme de lavage de l’agglomération, l’audit 2026',
    status: 'validated',
  },
  observatoire: {
    parent: 'littoral',
    statement: 'Douze sites suivis par les bénévoles et le laboratoire selon un protocole commun, données ouvertes chaque semestre.',
    partners: ['liles', 'estran'],
    targetDate: '2027-06-30',
    resources: 'Le protocole du LiLES, 40 bénévoles formés, la base de données du laboratoire',
    status: 'validated',
  },
  formation: {
    parent: 'sobriete',
    statement: 'Modules courts pour les professionnels de la mer et les agents territoriaux.',
    partners: ['liles'],
    targetDate: '2028-06-30',
    resources: '',
    status: 'draft',
  },
}

export interface SeedIndicator {
  objective: ObjectiveKey
  name: string
  family: IndicatorFamily
  unit: string
  baseline: number
  target: number
  targetDate: IsoDate
  source: string
  frequency: CollectionFrequency
  partner: PartnerKey
  purposes: EvaluationPurpose[]
  /** Entered by `by`, each on the day after its date; `corrects` names an earlier value by index. */
  values: { value: number; date: IsoDate; comment: string; by: PersonKey; corrects?: number }[]
}

export const INDICATORS: readonly SeedIndicator[] = [
  {
    objective: 'education',
    name: 'Élèves sensibilisés sur l’estran',
    family: 'results',
    unit: 'élèves',
    baseline: 0,
    target: 4000,
    targetDate: '2028-12-31',
    source: 'Feuilles de présence des animations',
    frequency: 'quarterly',
    partner: 'estran',
    purposes: ['monitor', 'prove', 'value'],
    values: [
      { value: 310, date: '2026-03-31', comment: 'Premières sorties de printemps', by: 'claire' },
      { value: 820, date: '2026-06-30', comment: 'Pic de juin avec les classes de CM2', by: 'claire' },
      { value: 1010, date: '2026-09-30', comment: 'Peu de sorties l’été', by: 'claire' },
      { value: 1480, date: '2026-12-31', comment: 'Bilan de l’année scolaire engagée', by: 'claire' },
    ],
  },
  {
    objective: 'filiere',
    name: 'Emballages plastiques à usage unique à Capécure',
    family: 'impacts',
    unit: 'tonnes par an',
    baseline: 42,
    target: 29.4,
    targetDate: '2028-12-31',
    source: 'Audit déchets de la plateforme de Capécure',
    frequency: 'half_yearly',
    partner: 'maree',
    purposes: ['monitor', 'understand'],
    values: [
      { value: 43, date: '2026-06-30', comment: 'Relevé du premier semestre', by: 'julien' },
      { value: 41.5, date: '2026-06-30', comment: 'Correction : une benne comptée deux fois', by: 'julien', corrects: 0 },
      { value: 40.8, date: '2026-12-31', comment: 'Deux mareyeurs seulement ont adopté la consigne', by: 'julien' },
    ],
  },
  {
    objective: 'observatoire',
    name: 'Sites suivis selon le protocole commun',
    family: 'activities',
    unit: 'sites',
    baseline: 0,
    target: 12,
    targetDate: '2027-06-30',
    source: 'Base de données de l’observatoire (LiLES)',
    frequency: 'quarterly',
    partner: 'liles',
    purposes: ['monitor', 'understand'],
    values: [
      { value: 3, date: '2026-06-30', comment: 'Sites pilotes de Wimereux', by: 'amina' },
      { value: 9, date: '2026-12-31', comment: 'Six sites de plus avec les bénévoles formés', by: 'amina' },
    ],
  },
]

export const QUESTIONS: readonly { text: string; objectives: ObjectiveKey[]; indicators: number[] }[] = [
  {
    text: 'Les sorties sur l’estran changent-elles durablement le regard des enfants et de leurs familles sur le littoral ?',
    objectives: ['education'],
    indicators: [0],
  },
  {
    text: 'La consigne des contenants tient-elle sans surcoût pour les mareyeurs, et pourquoi certains hésitent-ils ?',
    objectives: ['filiere'],
    indicators: [1],
  },
]
