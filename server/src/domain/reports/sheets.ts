import {
  type Cell,
  type Indicator,
  missingSmartLetters,
  objectiveTrackStatus,
  type Sheet,
  standingValues,
  type TableReport,
  trackStatus,
} from '@ensemble/shared'
import { percent, reportBalance, reportParticipation } from './balance.ts'
import type { ReportData } from './data.ts'
import { ACTION_STATUS, FAMILY, FREQUENCY, OBJECTIVE_STATUS, PURPOSE, RESOURCE_UNIT, TRACK } from './labels.ts'

/**
 * The tables of the exports (EXP1): each sheet is one function of the report's data, and each
 * report lists its sheets. The CSV is its first sheet, written to stand alone; the XLSX has them
 * all. A new table is one more entry here and one more name in shared TABLE_REPORTS.
 */
export type SheetBuilder = (data: ReportData) => Sheet

const UNATTACHED = 'objectif à rattacher'
const sortedValues = <T>(record: Record<string, T>): [string, T][] => Object.entries(record)

/** Late: not done nor cancelled, and its deadline before the day of the report. */
export const isLate = (action: { status: string; deadline: string | null }, today: string): boolean =>
  action.deadline !== null && action.deadline < today && action.status !== 'done' && action.status !== 'cancelled'

const actionsSheet: SheetBuilder = (data) => {
  const objectiveTitle = new Map(data.objectives.map((o) => [o.id, o.title]))
  const names = (ids: readonly string[]) => ids.map(data.personName).join(', ')
  return {
    name: 'Actions',
    columns: [
      'Action',
      'Objectif (texte saisi)',
      'Objectif opérationnel',
      'Statut',
      'Avancement (%)',
      'Début',
      'Échéance',
      'En retard',
      'Motif du blocage',
      'A — responsable de la décision',
      'R — réalisent',
      'C — consultés',
      'I — informés',
      'Jalons',
      'Ressources',
      'Description',
    ],
    rows: data.actions.map((a) => {
      const matched = data.objectiveOfAction.get(a.id)
      return [
        a.title,
        a.objective,
        matched ? (objectiveTitle.get(matched) ?? '') : a.objective.trim() ? UNATTACHED : '',
        ACTION_STATUS[a.status] ?? a.status,
        a.progress,
        a.start,
        a.deadline,
        isLate(a, data.context.today),
        a.blockedReason,
        data.personName(a.accountable),
        names(a.responsible),
        names(a.consulted),
        names(a.informed),
        sortedValues(a.milestones)
          .map(([, m]) => `${m.title} (${m.date}${m.done ? ', fait' : ''})`)
          .join(' | '),
        sortedValues(a.resources)
          .map(([, r]) => `${r.label} : ${r.amount} ${RESOURCE_UNIT[r.unit] ?? r.unit} (${data.partnerName(r.partnerId)})`)
          .join(' | '),
        a.description,
      ]
    }),
  }
}

const milestonesSheet: SheetBuilder = (data) => ({
  name: 'Jalons',
  columns: ['Action', 'Jalon', 'Date', 'Fait'],
  rows: data.actions.flatMap((a) =>
    sortedValues(a.milestones)
      .sort(([, x], [, y]) => (x.order < y.order ? -1 : 1))
      .map(([, m]) => [a.title, m.title, m.date, m.done]),
  ),
})

const resourcesSheet: SheetBuilder = (data) => ({
  name: 'Ressources',
  columns: ['Action', 'Ressource', 'Montant', 'Unité', 'Apportée par'],
  rows: data.actions.flatMap((a) =>
    sortedValues(a.resources).map(([, r]) => [a.title, r.label, r.amount, RESOURCE_UNIT[r.unit] ?? r.unit, data.partnerName(r.partnerId)]),
  ),
})

/** Each indicator's standing (onTrack.ts) and each objective's from its indicators'. */
function standings(data: ReportData) {
  const ofIndicator = new Map(data.indicators.map((i) => [i.id, trackStatus(i, data.period.start)]))
  const ofObjective = (objectiveId: string) =>
    objectiveTrackStatus(data.indicators.filter((i) => i.objectiveId === objectiveId).map((i) => ofIndicator.get(i.id)!))
  return { ofIndicator, ofObjective }
}

const objectivesSheet: SheetBuilder = (data) => {
  const title = new Map(data.objectives.map((o) => [o.id, o.title]))
  const strategic = new Set(data.objectives.filter((o) => o.kind === 'strategic').map((o) => o.id))
  const { ofObjective } = standings(data)
  const actionsOf = (id: string) => [...data.objectiveOfAction.values()].filter((o) => o === id).length
  return {
    name: 'Objectifs',
    columns: [
      'Type',
      'Objectif',
      'Objectif stratégique',
      'Énoncé (S) ou vision',
      'Horizon (ans)',
      'Porteurs',
      'Échéance (T)',
      'Ressources (A)',
      'Statut',
      'Lettres SMART manquantes',
      'État',
      'Indicateurs',
      'Actions rattachées',
    ],
    rows: data.objectives.map((o): Cell[] => {
      if (o.kind === 'strategic') return ['Stratégique', o.title, '', o.vision, o.horizon, '', null, '', '', '', '', null, null]
      const indicators = data.indicators.filter((i) => i.objectiveId === o.id)
      const missing = missingSmartLetters(o, { period: data.period, isStrategic: (id) => strategic.has(id), indicators })
      return [
        'Opérationnel',
        o.title,
        o.parentId ? (title.get(o.parentId) ?? '') : '',
        o.statement,
        null,
        o.partnerIds.map(data.partnerName).join(', '),
        o.targetDate,
        o.resources,
        OBJECTIVE_STATUS[o.status],
        missing.join(' '),
        TRACK[ofObjective(o.id)],
        indicators.length,
        actionsOf(o.id),
      ]
    }),
  }
}

const latest = (i: Indicator) => standingValues(i.values).at(-1)?.[1]

const indicatorsSheet: SheetBuilder = (data) => {
  const objective = new Map(data.objectives.map((o) => [o.id, o.title]))
  const { ofIndicator } = standings(data)
  return {
    name: 'Indicateurs',
    columns: [
      'Indicateur',
      'Objectif',
      'Famille',
      'Unité',
      'Valeur de départ',
      'Cible',
      'Date cible',
      'Source',
      'Fréquence de collecte',
      'Partenaire responsable',
      'Finalités',
      'Dernière valeur',
      'Date de la dernière valeur',
      'État',
    ],
    rows: data.indicators.map((i) => [
      i.name,
      objective.get(i.objectiveId) ?? '',
      FAMILY[i.family] ?? i.family,
      i.unit,
      i.baseline,
      i.target,
      i.targetDate,
      i.source,
      FREQUENCY[i.frequency] ?? i.frequency,
      data.partnerName(i.partnerId),
      i.purposes.map((p) => PURPOSE[p] ?? p).join(', '),
      latest(i)?.value ?? null,
      latest(i)?.date ?? null,
      TRACK[ofIndicator.get(i.id)!],
    ]),
  }
}

/** Every entry of every indicator, corrections included (who entered it, when, which entry it corrects, whether it stands). */
const valuesSheet: SheetBuilder = (data) => {
  const objective = new Map(data.objectives.map((o) => [o.id, o.title]))
  return {
    name: 'Valeurs',
    columns: [
      'Indicateur',
      'Objectif',
      'Unité',
      'Cible',
      'Date de la valeur',
      'Valeur',
      'Commentaire',
      'Saisie par',
      'Saisie le',
      'Saisie n°',
      'Corrige la saisie n°',
      'En vigueur',
    ],
    rows: data.indicators.flatMap((i): Cell[][] => {
      const head = [i.name, objective.get(i.objectiveId) ?? '', i.unit, i.target]
      const standing = new Set(standingValues(i.values).map(([id]) => id))
      const entries = Object.entries(i.values).sort(([ia, a], [ib, b]) => a.at - b.at || (ia < ib ? -1 : 1))
      // An indicator without values still has its line: the table lists every indicator.
      if (entries.length === 0) return [[...head, null, null, '', '', null, '', '', null]]
      return entries.map(([id, v]) => [
        ...head,
        v.date,
        v.value,
        v.comment,
        data.personName(v.by),
        new Date(v.at).toISOString().replace('T', ' ').slice(0, 16),
        id,
        v.corrects ?? '',
        standing.has(id),
      ])
    }),
  }
}

/**
 * EXP8: the partners' balance, one line per partner and period (then its total), with the
 * participation beside it (the same for every line of a partner: it is not counted by period).
 */
const balanceSheet: SheetBuilder = (data) => {
  const sheet = reportBalance(data)
  const participation = new Map(reportParticipation(data).partners.map((p) => [p.partnerId, p]))
  return {
    name: 'Équilibre',
    columns: [
      'Partenaire',
      'Période',
      'Engagé (€)',
      'Dû à date (€)',
      'Déclaré (€)',
      'Validé (€)',
      'Déclaré / dû (%)',
      'Déséquilibre',
      'Réunions suivies',
      'Actions portées (A)',
      'Actions réalisées (R)',
      'Votes exprimés',
    ],
    rows: sheet.partners.flatMap((partner): Cell[][] => {
      const p = participation.get(partner.partnerId)
      const name = data.partnerName(partner.partnerId)
      const tail = [p?.meetingsAttended ?? null, p?.accountable ?? null, p?.responsible ?? null, p?.votesCast ?? null]
      return [...partner.periods, { period: 'Total', ...partner.total }].map((f) => [
        name,
        f.period,
        f.committed,
        f.committedToDate,
        f.declared,
        f.validated,
        percent(f.ratio),
        f.flagged,
        ...tail,
      ])
    }),
  }
}

/** The reports and their sheets: the first is the CSV. */
export const TABLES: Record<TableReport, { title: string; sheets: readonly SheetBuilder[] }> = {
  plan: { title: 'Plan d’action', sheets: [actionsSheet, milestonesSheet, resourcesSheet] },
  objectives: { title: 'Objectifs', sheets: [objectivesSheet] },
  indicators: { title: 'Indicateurs et valeurs', sheets: [valuesSheet, indicatorsSheet] },
  balance: { title: 'Équilibre entre partenaires', sheets: [balanceSheet] },
}
