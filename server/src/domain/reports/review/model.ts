import { balanceOfJson, objectiveTrackStatus, ratioPercent, standingValues, type TrackStatus, trackStatus } from '@ensemble/shared'
import { reportParticipation } from '../balance.ts'
import type { ReportData } from '../data.ts'
import { ACTION_STATUS, DECISION_TYPE, OUTCOME, TRACK } from '../labels.ts'
import { isLate } from '../sheets.ts'

/**
 * The annual review (« bilan annuel », EXP5) as a document model: a title page, then sections of
 * paragraphs and tables, in French. The DOCX and the PDF (docx.ts, pdf.ts) only lay it out. Each
 * section is one function of the report's data and the year, listed in REVIEW_SECTIONS.
 */
export type ReviewBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; columns: string[]; rows: string[][] }

export interface ReviewSection {
  heading: string
  blocks: ReviewBlock[]
}

export interface ReviewDocument {
  title: string
  /** The title page's lines under the title. */
  cover: string[]
  sections: ReviewSection[]
}

export type ReviewSectionBuilder = (data: ReportData, year: number) => ReviewSection

const paragraph = (text: string): ReviewBlock => ({ kind: 'paragraph', text })
const number = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : String(value).replace('.', ','))
const frenchDate = (iso: string | null): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—')
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`

const inYear = (date: string | null, year: number) => date !== null && date.slice(0, 4) === String(year)

/** Where each indicator stood at the end of the year: the values that stand, dated up to 31 December. */
function atYearEnd(data: ReportData, year: number) {
  const end = `${year}-12-31`
  return data.indicators.map((i) => {
    const values = Object.fromEntries(Object.entries(i.values).filter(([, v]) => v.date <= end))
    const standing = standingValues(values)
    const latest = standing.at(-1)?.[1]
    const ofYear = standing.filter(([, v]) => inYear(v.date, year))
    return { indicator: i, latest, ofYear, status: trackStatus({ ...i, values }, data.period.start) }
  })
}

const objectivesSection: ReviewSectionBuilder = (data, year) => {
  const indicators = atYearEnd(data, year)
  const statusOf = (id: string): TrackStatus => objectiveTrackStatus(indicators.filter((i) => i.indicator.objectiveId === id).map((i) => i.status))
  const strategic = data.objectives.filter((o) => o.kind === 'strategic')
  const operational = data.objectives.flatMap((o) => (o.kind === 'operational' ? [o] : []))
  const parentTitle = new Map(strategic.map((o) => [o.id, o.title]))
  const offTrack = operational.filter((o) => statusOf(o.id) === 'off_track').length
  return {
    heading: '1. Objectifs',
    blocks: [
      paragraph(
        `${plural(strategic.length, 'objectif stratégique', 'objectifs stratégiques')}, ${plural(operational.length, 'objectif opérationnel', 'objectifs opérationnels')} ; ${plural(offTrack, 'objectif en retard', 'objectifs en retard')} sur sa trajectoire au 31/12/${year}.`,
      ),
      ...strategic.map((o) => paragraph(`${o.title} (horizon ${o.horizon} ans)${o.vision ? ` — ${o.vision}` : ''}`)),
      {
        kind: 'table',
        columns: ['Objectif opérationnel', 'Objectif stratégique', 'Porteurs', 'Échéance', 'État au 31/12'],
        rows: operational.map((o) => [
          o.title,
          o.parentId ? (parentTitle.get(o.parentId) ?? '—') : '—',
          o.partnerIds.map(data.partnerName).join(', ') || '—',
          frenchDate(o.targetDate),
          TRACK[statusOf(o.id)],
        ]),
      },
    ],
  }
}

const indicatorsSection: ReviewSectionBuilder = (data, year) => {
  const rows = atYearEnd(data, year)
  return {
    heading: '2. Indicateurs',
    blocks: [
      paragraph(`Valeurs saisies en ${year} et dernière valeur en vigueur au 31/12/${year}, face à la valeur de départ et à la cible.`),
      {
        kind: 'table',
        columns: ['Indicateur', 'Unité', 'Départ', 'Cible (date)', `Valeurs ${year}`, 'Au 31/12', 'État'],
        rows: rows.map(({ indicator: i, latest, ofYear, status }) => [
          i.name,
          i.unit || '—',
          number(i.baseline),
          `${number(i.target)} (${frenchDate(i.targetDate)})`,
          ofYear.map(([, v]) => `${frenchDate(v.date)} : ${number(v.value)}`).join('\n') || '—',
          number(latest?.value),
          TRACK[status],
        ]),
      },
    ],
  }
}

const actionsSection: ReviewSectionBuilder = (data, year) => {
  const start = `${year}-01-01`
  const end = `${year}-12-31`
  // The day against which « late » is judged: the year's end, or today for the year under way.
  const asOf = data.context.today < end ? data.context.today : `${year + 1}-01-01`
  const ofYear = data.actions.filter(
    (a) => a.status !== 'cancelled' && (a.start ?? a.deadline ?? '') <= end && (a.deadline ?? a.start ?? '') >= start && (a.start || a.deadline),
  )
  const done = ofYear.filter((a) => a.status === 'done')
  const late = ofYear.filter((a) => isLate(a, asOf))
  const ongoing = ofYear.filter((a) => a.status !== 'done' && !isLate(a, asOf))
  const table = (actions: typeof ofYear): ReviewBlock => ({
    kind: 'table',
    columns: ['Action', 'Statut', 'Avancement', 'Échéance', 'Responsable (A)'],
    rows: actions.map((a) => [a.title, ACTION_STATUS[a.status] ?? a.status, `${a.progress} %`, frenchDate(a.deadline), data.personName(a.accountable) || '—']),
  })
  const part = (title: string, actions: typeof ofYear): ReviewBlock[] => [
    paragraph(`${title} (${actions.length})`),
    ...(actions.length ? [table(actions)] : []),
  ]
  return {
    heading: '3. Actions',
    blocks: [
      paragraph(
        `Actions du plan menées en ${year} (commencées ou à échéance dans l’année) : ${done.length} réalisées, ${ongoing.length} en cours, ${late.length} en retard.`,
      ),
      ...part('Réalisées', done),
      ...part('En cours', ongoing),
      ...part('En retard', late),
    ],
  }
}

/** A sum in euros, French style (« 12 500 € »). */
const euros = (value: number): string =>
  `${Math.round(value)
    .toLocaleString('fr-FR')
    .replace(/\u202f|\u00a0/g, ' ')} €`

/**
 * EXP9: the partners' balance of the year: each period of the year (the year itself, its halves or
 * quarters), drawn up at the year's end — or today for the year under way — and the participation.
 */
const balanceSection: ReviewSectionBuilder = (data, year) => {
  const end = `${year}-12-31`
  const sheet = balanceOfJson(
    data.plan,
    data.context.partners.map((p) => p.id),
    data.context.today < end ? data.context.today : end,
  )
  const keys = new Set(sheet.periods.filter((p) => p.key.slice(0, 4) === String(year)).map((p) => p.key))
  const rows = sheet.partners.flatMap((partner) =>
    partner.periods
      .filter((p) => keys.has(p.period))
      .map((p) => [
        data.partnerName(partner.partnerId),
        p.period,
        euros(p.committed),
        euros(p.committedToDate),
        euros(p.declared),
        euros(p.validated),
        p.ratio === null ? '—' : `${ratioPercent(p.ratio)} %`,
        p.flagged ? 'Oui' : 'Non',
      ]),
  )
  const flagged = new Set(sheet.partners.filter((p) => p.periods.some((x) => keys.has(x.period) && x.flagged)).map((p) => p.partnerId))
  const participation = reportParticipation(data)
  return {
    heading: '4. Équilibre entre partenaires',
    blocks: [
      paragraph(
        keys.size === 0
          ? `Le plan ne couvre pas ${year} : pas d’équilibre à présenter.`
          : `Ce que chaque partenaire s’est engagé à apporter (ressources des actions, valorisées aux taux de l’alliance) face à ce qu’il a déclaré et à ce que le comité de pilotage a validé ; seuil de déséquilibre : ${sheet.threshold} %. ${plural(flagged.size, 'partenaire en déséquilibre', 'partenaires en déséquilibre')}${flagged.size ? ` : ${[...flagged].map(data.partnerName).join(', ')}` : ''}.`,
      ),
      ...(rows.length
        ? [{ kind: 'table' as const, columns: ['Partenaire', 'Période', 'Engagé', 'Dû à date', 'Déclaré', 'Validé', 'Déclaré / dû', 'Déséquilibre'], rows }]
        : []),
      paragraph(`Participation depuis le début du plan (${plural(participation.meetings, 'réunion', 'réunions')} avec appel).`),
      {
        kind: 'table',
        columns: ['Partenaire', 'Réunions suivies', 'Actions portées (A)', 'Actions réalisées (R)', 'Votes exprimés'],
        rows: participation.partners.map((p) => [
          data.partnerName(p.partnerId),
          String(p.meetingsAttended),
          String(p.accountable),
          String(p.responsible),
          String(p.votesCast),
        ]),
      },
    ],
  }
}

const decisionsSection: ReviewSectionBuilder = (data, year) => {
  const decisions = data.context.decisions.filter((d) => inYear(d.decidedAt, year)).sort((a, b) => (a.decidedAt < b.decidedAt ? -1 : 1))
  return {
    heading: '5. Décisions de l’année',
    blocks: [
      paragraph(`${plural(decisions.length, 'décision inscrite', 'décisions inscrites')} au registre en ${year}.`),
      ...(decisions.length
        ? [
            {
              kind: 'table' as const,
              columns: ['Date', 'Décision', 'Type', 'Issue'],
              rows: decisions.map((d) => [
                frenchDate(d.decidedAt.slice(0, 10)),
                d.title,
                DECISION_TYPE[d.decisionType] ?? d.decisionType,
                OUTCOME[d.outcome] ?? d.outcome,
              ]),
            },
          ]
        : []),
    ],
  }
}

/** The sections, in order. */
export const REVIEW_SECTIONS: readonly ReviewSectionBuilder[] = [objectivesSection, indicatorsSection, actionsSection, balanceSection, decisionsSection]

export function reviewDocument(data: ReportData, year: number): ReviewDocument {
  const { period, context } = data
  return {
    title: `Bilan annuel ${year}`,
    cover: [
      context.workspaceName,
      data.planTitle ? `Plan d’action : ${data.planTitle}` : 'Plan d’action',
      `Période du plan : ${frenchDate(period.start)} – ${frenchDate(period.end)}`,
      `Document préparé pour l’assemblée générale et les financeurs, le ${frenchDate(context.today)}.`,
    ],
    sections: REVIEW_SECTIONS.map((section) => section(data, year)),
  }
}
