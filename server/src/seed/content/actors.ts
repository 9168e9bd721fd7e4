import type { ActorStatus, ContactChannel, PartnerType } from '@ensemble/shared'
import type { PersonKey } from './alliance.ts'

/**
 * The demo's map of actors (SEED6, issue 20 item 4): who the Côte d'Opale alliance could still
 * involve, scored on three criteria, with the contacts already made. Names are invented; none is a
 * partner yet (the conversion is left to try).
 */
export const CRITERIA = [
  { key: 'perimetre', name: 'Complémentarité de périmètre', weight: 3 },
  { key: 'proximite', name: 'Proximité relationnelle', weight: 2 },
  { key: 'moyens', name: 'Moyens apportés', weight: 1 },
] as const
export type CriterionKey = (typeof CRITERIA)[number]['key']

interface DemoActor {
  key: string
  name: string
  type: PartnerType
  expectations: string
  influence: number
  interest: number
  nuisance: number
  perimeter: string
  synergies: string
  status: Exclude<ActorStatus, 'converted'>
  scores: Partial<Record<CriterionKey, number>>
}

export const ACTORS: readonly DemoActor[] = [
  {
    key: 'region',
    name: 'Région Hauts-de-France',
    type: 'collectivite_territoriale',
    expectations: 'Des projets qui essaiment sur le littoral régional ; des indicateurs d’impact.',
    influence: 5,
    interest: 3,
    nuisance: 4,
    perimeter: 'Hauts-de-France',
    synergies: 'Appel à projets « Littoral durable »',
    status: 'shortlisted',
    scores: { perimetre: 4, proximite: 2, moyens: 5 },
  },
  {
    key: 'parc',
    name: 'Parc naturel marin des estuaires picards',
    type: 'etat',
    expectations: 'Sensibiliser les usagers de l’estran, relayer la réglementation.',
    influence: 4,
    interest: 5,
    nuisance: 3,
    perimeter: 'Estuaires picards et mer d’Opale',
    synergies: 'Données de suivi, agents de terrain',
    status: 'shortlisted',
    scores: { perimetre: 5, proximite: 4, moyens: 3 },
  },
  {
    key: 'peche',
    name: 'Comité régional des pêches',
    type: 'reseau_associatif',
    expectations: 'Être associé aux décisions sur l’estran ; éviter les contraintes nouvelles.',
    influence: 4,
    interest: 2,
    nuisance: 5,
    perimeter: 'Côte d’Opale',
    synergies: 'Filière des coproduits, savoir des pêcheurs',
    status: 'contacted',
    scores: { perimetre: 3, proximite: 1, moyens: 2 },
  },
  {
    key: 'lycee',
    name: 'Lycée maritime de Boulogne',
    type: 'acteur_academique',
    expectations: 'Des stages et des projets concrets pour ses élèves.',
    influence: 2,
    interest: 4,
    nuisance: 1,
    perimeter: 'Boulonnais',
    synergies: 'Classes de mer, chantiers d’élèves',
    status: 'shortlisted',
    scores: { perimetre: 4, proximite: 5, moyens: 2 },
  },
  {
    key: 'surf',
    name: 'Collectif Surfeurs du Nord',
    type: 'citoyens',
    expectations: 'Des plages propres ; être reconnus comme acteurs de la plage.',
    influence: 1,
    interest: 5,
    nuisance: 2,
    perimeter: 'Plages du Pas-de-Calais',
    synergies: 'Ramassages citoyens, communication',
    status: 'contacted',
    scores: { perimetre: 2, proximite: 4, moyens: 1 },
  },
  {
    key: 'port',
    name: 'Port de Boulogne-Calais',
    type: 'entreprise',
    expectations: 'Améliorer son image environnementale ; prévenir les conflits d’usage.',
    influence: 5,
    interest: 2,
    nuisance: 4,
    perimeter: 'Boulogne-sur-Mer et Calais',
    synergies: 'Mécénat, terrains pour une ressourcerie',
    status: 'identified',
    scores: { perimetre: 2, moyens: 4 },
  },
  {
    key: 'banque',
    name: 'Banque coopérative du Littoral',
    type: 'fondation',
    expectations: 'Financer des projets d’économie sociale et solidaire du territoire.',
    influence: 3,
    interest: 3,
    nuisance: 1,
    perimeter: 'Nord – Pas-de-Calais',
    synergies: 'Prêts d’honneur, mécénat de compétences',
    status: 'identified',
    scores: { moyens: 4 },
  },
  {
    key: 'cpie',
    name: 'CPIE Flandre maritime',
    type: 'association',
    expectations: 'Mutualiser l’animation nature ; ne pas être mis en concurrence.',
    influence: 2,
    interest: 4,
    nuisance: 2,
    perimeter: 'Flandre maritime',
    synergies: 'Animateurs, outils pédagogiques',
    status: 'shortlisted',
    scores: { perimetre: 5, proximite: 3, moyens: 2 },
  },
  {
    key: 'ccas',
    name: 'CCAS de Boulogne-sur-Mer',
    type: 'collectivite_territoriale',
    expectations: 'Des activités pour les familles suivies ; des emplois d’insertion.',
    influence: 3,
    interest: 3,
    nuisance: 1,
    perimeter: 'Boulogne-sur-Mer',
    synergies: 'Orientation des bénéficiaires',
    status: 'identified',
    scores: { perimetre: 3, proximite: 2 },
  },
  {
    key: 'tiers',
    name: 'Tiers-lieu La Fabrique du Port',
    type: 'catalyseur_territorial',
    expectations: 'Accueillir des ateliers, être un lieu de rencontre de l’alliance.',
    influence: 2,
    interest: 5,
    nuisance: 1,
    perimeter: 'Boulogne-sur-Mer',
    synergies: 'Salle, atelier, réseau de makers',
    status: 'contacted',
    scores: { perimetre: 3, proximite: 4, moyens: 3 },
  },
  {
    key: 'hotel',
    name: 'Groupement des hôteliers de la Côte d’Opale',
    type: 'entreprise',
    expectations: 'Un littoral attractif pour les visiteurs.',
    influence: 3,
    interest: 1,
    nuisance: 2,
    perimeter: 'Côte d’Opale',
    synergies: 'Sensibilisation des touristes',
    status: 'set_aside',
    scores: { perimetre: 1, proximite: 1, moyens: 2 },
  },
  {
    key: 'dreal',
    name: 'DREAL Hauts-de-France',
    type: 'etat',
    expectations: 'Faire respecter la réglementation des espaces naturels.',
    influence: 4,
    interest: 2,
    nuisance: 3,
    perimeter: 'Hauts-de-France',
    synergies: 'Expertise réglementaire',
    status: 'identified',
    scores: { perimetre: 2 },
  },
]

/** Contacts already logged: « tester la proximité relationnelle ». */
export const CONTACTS: readonly { actor: string; date: string; by: PersonKey; whom: string; how: ContactChannel; outcome: string }[] = [
  {
    actor: 'region',
    date: '2026-09-15',
    by: 'claire',
    whom: 'Chargée de mission littoral',
    how: 'meeting',
    outcome: 'Intéressée ; attend un dossier pour l’appel à projets.',
  },
  { actor: 'parc', date: '2026-10-02', by: 'claire', whom: 'Directeur délégué', how: 'meeting', outcome: 'Accord de principe pour une convention de données.' },
  {
    actor: 'parc',
    date: '2026-11-18',
    by: 'claire',
    whom: 'Responsable sensibilisation',
    how: 'call',
    outcome: 'Deux agents disponibles pour les classes de mer.',
  },
  { actor: 'peche', date: '2026-10-20', by: 'claire', whom: 'Président', how: 'event', outcome: 'Réservé : craint des contraintes sur l’estran. À revoir.' },
  { actor: 'lycee', date: '2026-11-05', by: 'claire', whom: 'Proviseure adjointe', how: 'email', outcome: 'Propose deux classes pour 2027.' },
  { actor: 'surf', date: '2026-09-28', by: 'claire', whom: 'Porte-parole', how: 'event', outcome: 'Prêts à co-organiser les ramassages.' },
  { actor: 'cpie', date: '2026-11-25', by: 'claire', whom: 'Directrice', how: 'meeting', outcome: 'Souhaite une charte commune d’animation.' },
  { actor: 'tiers', date: '2026-12-01', by: 'claire', whom: 'Coordinateur', how: 'call', outcome: 'Salle offerte pour les comités techniques.' },
]
