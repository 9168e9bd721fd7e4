import { ROOT, type RichTextNode } from '@ensemble/shared'
import type { DocumentJson } from '../../history/documentJson.ts'
import { headTime } from '../head.ts'
import { blocksOf, type ExportModel } from './model.ts'

/** The mark on every page of a draft's export (SIGN15): nobody may take it for the adopted text. */
export const DRAFT_MARK = 'Projet — version non adoptée / Draft — not adopted'

const LABELS = {
  state: 'État du texte au / Text as of',
  hash: 'Empreinte du projet (SHA-256) / Draft content hash (SHA-256)',
} as const

/** The current text of a document as a draft export: marked on every page, no signature page, the draft's hash. */
export function draftModel(input: { document: DocumentJson; title: string; at: string; contentHash: string }): ExportModel {
  const content = (input.document[ROOT.content] ?? []) as RichTextNode[]
  return {
    title: input.title,
    mark: DRAFT_MARK,
    subtitle: `${DRAFT_MARK} — ${LABELS.state} ${headTime(input.at)}`,
    blocks: blocksOf(content),
    signatures: null,
    fingerprints: [{ label: LABELS.hash, value: input.contentHash }],
  }
}
