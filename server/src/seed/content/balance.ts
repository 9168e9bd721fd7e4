import type { BalanceSettings } from '@ensemble/shared'
import type { PartnerKey, PersonKey } from './alliance.ts'

/**
 * The demo's partners' balance for 2026 (BAL, SEED5): rates set by the steering committee, each
 * partner's declared actuals for the year, most of them validated by Marc (steering). Marée d’Opale,
 * whose packaging audit is blocked, declared 8 days of the ≈ 19 it owed (≈ 42 %): flagged. The
 * Association Estran Vivant amended one of its declarations (18 → 22 days).
 */
export const BALANCE_SETTINGS: BalanceSettings = {
  rates: { jours_homme: 300, heures: 40, ETP: 45_000, unites: 0 },
  periodLength: 'year',
  threshold: 20,
}

export interface SeedActual {
  /** Names the entry within the seed (amendments refer to it). */
  key: string
  partner: PartnerKey
  /** A member of that partner whose role writes. */
  by: PersonKey
  period: string
  unit: 'EUR' | 'jours_homme'
  amount: number
  /** Index of the action in ACTIONS (content/plan.ts) whose resources this delivers. */
  action?: number
  comment: string
  /** When it was declared (ISO instant). */
  at: string
  amends?: string
  /** When Marc (steering) validated it, if he did. */
  validatedAt?: string
}

export const ACTUALS: readonly SeedActual[] = [
  {
    key: 'estran-enquete',
    partner: 'estran',
    by: 'claire',
    period: '2026',
    unit: 'jours_homme',
    amount: 20,
    action: 0,
    comment: 'Enquête et entretiens menés',
    at: '2026-05-06T09:00:00Z',
    validatedAt: '2026-05-20T10:00:00Z',
  },
  {
    key: 'estran-fiches',
    partner: 'estran',
    by: 'claire',
    period: '2026',
    unit: 'jours_homme',
    amount: 18,
    action: 2,
    comment: 'Rédaction des fiches',
    at: '2026-10-20T09:00:00Z',
    validatedAt: '2026-10-22T10:00:00Z',
  },
  {
    key: 'estran-fiches-2',
    partner: 'estran',
    by: 'claire',
    period: '2026',
    unit: 'jours_homme',
    amount: 22,
    action: 2,
    comment: 'Fiches : quatre jours de relecture oubliés',
    at: '2026-11-03T09:00:00Z',
    amends: 'estran-fiches',
    validatedAt: '2026-11-05T10:00:00Z',
  },
  {
    key: 'estran-classes',
    partner: 'estran',
    by: 'claire',
    period: '2026',
    unit: 'jours_homme',
    amount: 15,
    action: 3,
    comment: 'Animation des sorties de l’automne',
    at: '2026-11-30T09:00:00Z',
  },
  {
    key: 'agglo-stage',
    partner: 'agglo',
    by: 'marc',
    period: '2026',
    unit: 'EUR',
    amount: 3600,
    action: 1,
    comment: 'Gratification versée',
    at: '2026-06-02T09:00:00Z',
    validatedAt: '2026-06-03T10:00:00Z',
  },
  {
    key: 'agglo-encadrement',
    partner: 'agglo',
    by: 'marc',
    period: '2026',
    unit: 'jours_homme',
    amount: 6,
    action: 1,
    comment: 'Encadrement du stage',
    at: '2026-06-02T09:05:00Z',
    validatedAt: '2026-06-03T10:00:00Z',
  },
  {
    key: 'agglo-cars',
    partner: 'agglo',
    by: 'marc',
    period: '2026',
    unit: 'EUR',
    amount: 6000,
    action: 3,
    comment: 'Cars de septembre à novembre',
    at: '2026-11-28T09:00:00Z',
    validatedAt: '2026-11-30T10:00:00Z',
  },
  {
    key: 'agglo-plateforme',
    partner: 'agglo',
    by: 'marc',
    period: '2026',
    unit: 'EUR',
    amount: 8500,
    action: 8,
    comment: 'Développement de la plateforme, premier lot',
    at: '2026-12-01T09:00:00Z',
    validatedAt: '2026-12-02T10:00:00Z',
  },
  {
    key: 'fondation-impression',
    partner: 'fondation',
    by: 'sophie',
    period: '2026',
    unit: 'EUR',
    amount: 6500,
    action: 2,
    comment: 'Facture de l’imprimeur',
    at: '2026-10-19T09:00:00Z',
    validatedAt: '2026-10-22T10:00:00Z',
  },
  {
    key: 'fondation-acv',
    partner: 'fondation',
    by: 'sophie',
    period: '2026',
    unit: 'EUR',
    amount: 9000,
    action: 4,
    comment: 'Analyse de cycle de vie versée',
    at: '2026-07-15T09:00:00Z',
    validatedAt: '2026-07-20T10:00:00Z',
  },
  {
    key: 'fondation-materiel',
    partner: 'fondation',
    by: 'sophie',
    period: '2026',
    unit: 'EUR',
    amount: 7500,
    action: 7,
    comment: 'Matériel de mesure acheté',
    at: '2026-06-10T09:00:00Z',
    validatedAt: '2026-06-12T10:00:00Z',
  },
  {
    key: 'fondation-ingenierie',
    partner: 'fondation',
    by: 'sophie',
    period: '2026',
    unit: 'jours_homme',
    amount: 10,
    action: 13,
    comment: 'Ingénierie financière',
    at: '2026-12-01T09:30:00Z',
    validatedAt: '2026-12-02T10:00:00Z',
  },
  {
    key: 'liles-analyse',
    partner: 'liles',
    by: 'amina',
    period: '2026',
    unit: 'jours_homme',
    amount: 8,
    action: 0,
    comment: 'Analyse statistique des réponses',
    at: '2026-05-04T09:00:00Z',
    validatedAt: '2026-05-20T10:00:00Z',
  },
  {
    key: 'liles-recherche',
    partner: 'liles',
    by: 'amina',
    period: '2026',
    unit: 'jours_homme',
    amount: 38,
    action: 7,
    comment: 'Temps de recherche sur les sites',
    at: '2026-12-01T10:00:00Z',
    validatedAt: '2026-12-02T10:00:00Z',
  },
  {
    key: 'liles-formation',
    partner: 'liles',
    by: 'amina',
    period: '2026',
    unit: 'jours_homme',
    amount: 6,
    action: 10,
    comment: 'Conception pédagogique, premiers modules',
    at: '2026-12-03T09:00:00Z',
  },
  {
    key: 'maree-audit',
    partner: 'maree',
    by: 'julien',
    period: '2026',
    unit: 'jours_homme',
    amount: 8,
    action: 4,
    comment: 'Audit des emballages interrompu (voir blocage)',
    at: '2026-10-01T09:00:00Z',
    validatedAt: '2026-10-05T10:00:00Z',
  },
]
