import { ADOPTION_RULE_LABELS, ROOT, type RichTextNode } from '@ensemble/shared'
import { nodeText } from '../../history/documentJson.ts'
import { headTime } from '../head.ts'
import type { AdoptedRecord } from '../adoptedRecord.ts'

/**
 * What every export of an adopted version shows, whatever the format (PDF, ODT, DOCX): the title,
 * the text, and the signature page (each partner, who approved for it, when; the content hash, the
 * previous hash of an amendment, and the audit chain's head at export time: full hash, short form,
 * entry and date). Each format only lays
 * this model out.
 */
export interface ExportModel {
  title: string
  /** Printed at the top of every page (a draft's « Projet — version non adoptée », SIGN15); null for an adopted version. */
  mark: string | null
  /** "Version adoptée : <name> — <date>". */
  subtitle: string
  /** The adopted text as paragraphs: headings marked, list items and table cells flattened to lines. */
  blocks: { heading: boolean; text: string }[]
  /** The signature page; null for a draft, which nobody signed. */
  signatures: {
    heading: string
    columns: readonly [partner: string, representative: string, answer: string, date: string]
    rows: Signature[]
  } | null
  /** Labelled hashes under the signatures, printed in a fixed-width font. */
  fingerprints: { label: string; value: string }[]
}

/** One line of the signature page: a partner, who answered for it, how (under a rule other than unanimity, not every partner approved), when. */
export interface Signature {
  partner: string
  representative: string
  answer: string
  answeredAt: string
}

const ANSWERS = { approve: 'Approuvé / Approved', abstain: 'Abstention / Abstained', object: 'Objection / Objected' } as const

export const LABELS = {
  adopted: 'Version adoptée / Adopted version',
  signatures: 'Page de signature / Signature page',
  partner: 'Partenaire / Partner',
  representative: 'Représentant·e / Representative',
  answer: 'Réponse / Answer',
  date: 'Date de la réponse / Date of the answer',
  rule: 'Règle d’adoption / Adoption rule',
  hash: 'Empreinte du texte (SHA-256) / Content hash (SHA-256)',
  amendment: 'Avenant — empreinte précédente / Amendment — previous hash',
  auditHead: 'Tête du journal d’audit à l’export / Audit chain head at export',
  auditHeadShort: 'Forme courte de la tête, à conserver (audit:verify --head) / Short form of the head, to keep (audit:verify --head)',
  auditHeadEntry: 'Entrée et date de la tête / Head entry and date',
} as const

export function exportModel(record: AdoptedRecord): ExportModel {
  const content = (record.document[ROOT.content] ?? []) as RichTextNode[]
  const { round, auditHead: head } = record
  return {
    title: record.title,
    mark: null,
    subtitle: `${LABELS.adopted} : ${record.version.name} — ${round.closedAt?.slice(0, 10) ?? ''} — ${LABELS.rule} : ${ADOPTION_RULE_LABELS[round.rule].fr} / ${ADOPTION_RULE_LABELS[round.rule].en}`,
    blocks: blocksOf(content),
    signatures: {
      heading: LABELS.signatures,
      columns: [LABELS.partner, LABELS.representative, LABELS.answer, LABELS.date],
      rows: round.votes.map((v) => ({
        partner: v.partnerName,
        representative: v.userName ?? '—',
        answer: v.vote ? ANSWERS[v.vote] : '—',
        answeredAt: v.at ? v.at.slice(0, 10) : '—',
      })),
    },
    fingerprints: [
      { label: LABELS.hash, value: round.contentHash },
      ...(round.baseHash ? [{ label: LABELS.amendment, value: round.baseHash }] : []),
      // The head partners keep outside the database: a cut or rewritten chain no longer has it (AUDIT4).
      ...(head
        ? [
            { label: LABELS.auditHead, value: head.hash },
            { label: LABELS.auditHeadShort, value: head.short },
            { label: LABELS.auditHeadEntry, value: `n° ${head.seq} · entry ${head.seq} — ${headTime(head.at)}` },
          ]
        : []),
    ],
  }
}

/** The text as paragraphs, headings marked. */
export const blocksOf = (content: readonly RichTextNode[]): ExportModel['blocks'] =>
  content.map((node) => ({ heading: node.type === 'heading', text: nodeText(node) }))

/** Text for an XML part (ODT, DOCX), shared with the reports' documents. */
export { escapeXml } from '../../documentExport/xml.ts'
