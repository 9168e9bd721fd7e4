import type { GovernanceBody } from '@ensemble/shared'
import type { PartnerKey, PersonKey } from './alliance.ts'

/** The seeded bodies the charter's governance section links to (GOV25). */
export type BodyKey = 'assembly' | 'copil' | 'technical' | 'observatory'

/** The demo alliance's governance bodies (instances); seats and chairs by key, resolved in demo.ts. */
export interface SeedBody extends Omit<GovernanceBody, 'seats' | 'chair' | 'order'> {
  key: BodyKey
  seats: Partial<Record<PartnerKey, number>>
  chair: PersonKey | null
}

export const BODIES: SeedBody[] = [
  {
    key: 'assembly',
    name: 'Assemblée générale',
    level: 'strategic',
    mandate:
      'Adopte la vision partagée, la charte partenariale, l’accord de consortium et leurs avenants ; vote le budget annuel et le bilan ; décide de l’entrée et de la sortie des membres.',
    seats: { estran: 2, agglo: 2, maree: 2, fondation: 2, liles: 2 },
    decisionRule: 'two_thirds',
    quorum: 6,
    cadence: 'annual',
    chair: 'marc',
  },
  {
    key: 'copil',
    name: 'Comité de pilotage (COPIL)',
    level: 'strategic',
    mandate: 'Suit le plan d’action et le budget, arbitre les priorités entre actions, valide les dépenses de plus de 5 000 €, prépare l’assemblée générale.',
    seats: { estran: 1, agglo: 1, maree: 1, fondation: 1, liles: 1 },
    decisionRule: 'simple_majority',
    quorum: 3,
    cadence: 'monthly',
    chair: 'claire',
  },
  {
    key: 'technical',
    name: 'Comité technique',
    level: 'operational',
    mandate:
      'Réunit les chefs de projet des actions : coordonne le calendrier opérationnel, partage les difficultés, prépare les décisions du comité de pilotage.',
    seats: { estran: 2, agglo: 1, maree: 1, liles: 2 },
    decisionRule: 'consensus',
    quorum: 3,
    cadence: 'monthly',
    chair: 'claire',
  },
  {
    key: 'observatory',
    name: 'Groupe de travail « Observatoire et sciences participatives »',
    level: 'functional',
    mandate: 'Conçoit le protocole de suivi des sites, la plateforme de données ouvertes et l’animation du réseau d’observateurs bénévoles.',
    seats: { liles: 2, estran: 1, agglo: 1 },
    decisionRule: 'consensus',
    quorum: 2,
    cadence: 'as_needed',
    chair: 'amina',
  },
]
