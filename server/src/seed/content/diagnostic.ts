import {
  buildDiagnosticItem,
  buildPartnerNeeds,
  buildSharedItem,
  diagItemsOf,
  diagNeedsOf,
  diagSharedOf,
  keysAfter,
  projectOf,
  sharedItemFrom,
  type DiagnosticItem,
  type DiagnosticQuadrant,
  type PartnerNeeds,
  type Project,
} from '@ensemble/shared'
import type * as Y from 'yjs'
import type { PartnerKey } from './alliance.ts'
import { vision } from './vision.ts'

/**
 * The demo's « Diagnostic et projet » (DIAG, PROJ, SEED6): the MOFF matrices of Estran Vivant (the
 * association) and of the Agglomération (the public actor), with their needs; a shared matrix that
 * takes four of their points (keeping their provenance) and adds one of its own; the project
 * formalised — the need, three sourced figures, why together, the beneficiaries, the vision quoted.
 */
type SeedItem = [key: string, quadrant: DiagnosticQuadrant, text: string, detail: string]

const MATRICES: Partial<Record<PartnerKey, readonly SeedItem[]>> = {
  estran: [
    ['e-ancrage', 'forces', 'Vingt ans d’animations sur l’estran avec les écoles', 'Une équipe de six animateurs et cent vingt bénévoles.'],
    ['e-confiance', 'forces', 'La confiance des familles des quartiers du port', ''],
    ['e-fonds', 'faiblesses', 'Des fonds propres qui couvrent trois mois de fonctionnement', 'Dépendance aux appels à projets annuels.'],
    ['e-mesure', 'faiblesses', 'Peu d’outils pour mesurer l’impact de nos actions', ''],
    ['e-plan', 'opportunites', 'Le plan de gestion du Parc naturel marin ouvre un volet éducatif', ''],
    ['e-benevoles', 'menaces', 'L’essoufflement des bénévoles après la crise sanitaire', ''],
  ],
  agglo: [
    ['a-competence', 'forces', 'La compétence GEMAPI et les moyens d’ingénierie du territoire', ''],
    ['a-equipements', 'forces', 'Trois équipements de plage et un centre nautique', ''],
    [
      'a-silos',
      'faiblesses',
      'Des politiques littorales et sociales menées en silos',
      'Environnement, jeunesse et politique de la ville ne se parlent pas assez.',
    ],
    ['a-feder', 'opportunites', 'Un appel à projets FEDER « littoral résilient » en 2027', ''],
    ['a-recul', 'menaces', 'Le recul du trait de côte sur deux plages fréquentées', ''],
    ['a-budget', 'menaces', 'Des dotations de l’État en baisse', ''],
  ],
}

const NEEDS: Partial<Record<PartnerKey, PartnerNeeds>> = {
  estran: {
    needs: 'Des financements pluriannuels et un appui pour évaluer nos animations.',
    expectations: 'Que l’alliance porte une parole commune auprès des financeurs et nous ouvre les équipements de plage hors saison.',
  },
  agglo: {
    needs: 'Des relais de terrain dans les quartiers prioritaires.',
    expectations: 'Que les associations et les entreprises co-construisent le volet éducatif du plan littoral.',
  },
}

/** Points of the shared matrix picked from a partner's (by seed key), then steering's own. */
const PICKED = ['e-ancrage', 'a-competence', 'a-silos', 'e-benevoles', 'a-feder'] as const
const OWN: readonly [DiagnosticQuadrant, string][] = [['faiblesses', 'Aucune instance commune pour décider ensemble']]

export const PROJECT: Project = {
  socialNeed:
    'Sur le littoral boulonnais, beaucoup d’enfants des quartiers prioritaires n’ont jamais pratiqué d’activité de nature à la mer, alors que la plage est à moins de deux kilomètres ; les familles connaissent mal les risques littoraux et les métiers de la mer.',
  figures: [
    {
      id: 'fig-qpv',
      value: 9400,
      unit: 'habitants',
      label: 'Habitants des quartiers prioritaires de l’agglomération',
      source: 'INSEE, recensement',
      year: 2021,
    },
    { id: 'fig-nage', value: 38, unit: '%', label: 'Élèves de 6e ne sachant pas nager', source: 'Éducation nationale, académie de Lille', year: 2023 },
    {
      id: 'fig-cote',
      value: 1.2,
      unit: 'm / an',
      label: 'Recul moyen du trait de côte sur les plages suivies',
      source: 'Observatoire du littoral',
      year: 2024,
    },
  ],
  whyCollective:
    'Aucun acteur seul ne réunit l’accès aux familles (les associations), les équipements et la compétence (la collectivité), les moyens d’expérimentation (les entreprises) et la mesure d’impact (le laboratoire) : c’est leur alliance qui rend l’action possible à l’échelle du territoire.',
  beneficiaries: [
    'Enfants de 6 à 12 ans des quartiers prioritaires',
    'Leurs familles',
    'Les enseignants des écoles du littoral',
    'Les jeunes de 16 à 25 ans en recherche d’orientation',
  ],
  // The vision's first paragraph, quoted (the page links to the whole document).
  visionQuote: vision.blocks.find((b) => b.type === 'paragraph')?.text ?? '',
}

/** Writes the demo's diagnostic document (one server change, like the others). */
export function writeDiagnosticDoc(doc: Y.Doc, partners: Record<PartnerKey, string>): void {
  const items = diagItemsOf(doc)
  const byKey = new Map<string, [string, DiagnosticItem]>()
  for (const [partner, list] of Object.entries(MATRICES) as [PartnerKey, readonly SeedItem[]][]) {
    const orders = keysAfter(null, list.length)
    list.forEach(([key, quadrant, text, detail], i) => {
      const item: DiagnosticItem = { partnerId: partners[partner], quadrant, text, detail, order: orders[i]! }
      const id = `diag-${key}`
      items.set(id, buildDiagnosticItem(item))
      byKey.set(key, [id, item])
    })
  }
  for (const [partner, needs] of Object.entries(NEEDS) as [PartnerKey, PartnerNeeds][]) diagNeedsOf(doc).set(partners[partner], buildPartnerNeeds(needs))
  const shared = diagSharedOf(doc)
  const orders = keysAfter(null, PICKED.length + OWN.length)
  PICKED.forEach((key, i) => {
    const [id, item] = byKey.get(key)!
    shared.set(`shared-${key}`, buildSharedItem(sharedItemFrom(id, item, orders[i]!)))
  })
  OWN.forEach(([quadrant, text], i) => {
    shared.set(`shared-own-${i}`, buildSharedItem({ quadrant, text, detail: '', order: orders[PICKED.length + i]!, sourceItemId: null, sourcePartnerId: null }))
  })
  const project = projectOf(doc)
  for (const [field, value] of Object.entries(PROJECT))
    project.set(field, Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? { ...v } : v)) : value)
}
