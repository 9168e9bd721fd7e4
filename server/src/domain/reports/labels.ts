import type {
  ActionStatus,
  CollectionFrequency,
  DecisionType,
  EvaluationPurpose,
  IndicatorFamily,
  ObjectiveStatus,
  TrackStatus,
  VoteOutcome,
} from '@ensemble/shared'

/** French words of the reports (funders and the general assembly read them in French), as the interface says them. */
export const ACTION_STATUS: Record<ActionStatus, string> = {
  proposed: 'Proposée',
  planned: 'Planifiée',
  in_progress: 'En cours',
  blocked: 'Bloquée',
  done: 'Terminée',
  cancelled: 'Annulée',
}
export const RESOURCE_UNIT: Record<string, string> = { EUR: '€', jours_homme: 'jours-homme', heures: 'heures', ETP: 'ETP', unites: 'unités' }
export const OBJECTIVE_STATUS: Record<ObjectiveStatus, string> = { draft: 'Brouillon', validated: 'Validé' }
export const FAMILY: Record<IndicatorFamily, string> = { means: 'Moyens', activities: 'Activités', results: 'Résultats', impacts: 'Impacts' }
export const FREQUENCY: Record<CollectionFrequency, string> = {
  monthly: 'Mensuelle',
  quarterly: 'Trimestrielle',
  half_yearly: 'Semestrielle',
  yearly: 'Annuelle',
  once: 'Ponctuelle',
}
export const PURPOSE: Record<EvaluationPurpose, string> = { monitor: 'Suivre', understand: 'Comprendre', prove: 'Prouver', value: 'Valoriser' }
export const TRACK: Record<TrackStatus, string> = {
  no_target: 'Sans cible',
  no_data: 'En attente de valeurs',
  achieved: 'Atteint',
  on_track: 'Sur la trajectoire',
  off_track: 'En retard sur la trajectoire',
}
export const DECISION_TYPE: Record<DecisionType, string> = {
  ordinary: 'Ordinaire',
  budget: 'Budget',
  charter: 'Charte',
  membership: 'Adhésion',
  minutes: 'Approbation du compte rendu',
}
export const OUTCOME: Record<VoteOutcome, string> = { adopted: 'Adoptée', rejected: 'Rejetée', no_quorum: 'Sans quorum' }
