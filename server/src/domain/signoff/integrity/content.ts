import * as Y from 'yjs'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { contentHash } from '../../history/clauses.ts'
import { documentJson } from '../../history/documentJson.ts'
import { stateAt } from '../../history/replay.ts'
import type { DocStore, LogRow } from '../../../storage/docStore.ts'
import type { AuditEntry } from '../audit.ts'
import { shortHash } from '../head.ts'
import { problem, type AuditProblem } from './problem.ts'
import { recordedRound, roundRecords } from './rounds.ts'

export interface ContentCheck {
  problems: AuditProblem[]
  /** Proposed versions rebuilt from the update log. */
  versions: number
  /** Adopted texts compared with what the document holds now. */
  adoptedTexts: number
}

/** Actions that change a document's sign-off status: the last one says whether it is adopted now. */
const STATUS_ACTIONS = new Set(['proposed', 'adopted', 'withdrawn', 'unlocked'])

const hashOf = (doc: Y.Doc, docName: string): string => {
  try {
    return contentHash(documentJson(doc, docName))
  } finally {
    doc.destroy()
  }
}

/**
 * The texts the chain names, rebuilt from the stored document (AUDIT3): each proposed version,
 * replayed from the update log up to its row, must hash to the content hash its `proposed` entry
 * froze; and a document whose last sign-off step is an adoption must still hold the adopted text,
 * both replayed from the log (history, versions, exports read it) and loaded from its snapshot and
 * later rows (what a room serves). Replacing the stored updates of an adopted text fails one of them.
 */
export async function checkContents(db: Kysely<Database>, store: DocStore, workspaceId: string, sealed: readonly AuditEntry[]): Promise<ContentCheck> {
  const problems: AuditProblem[] = []
  let versions = 0
  let adoptedTexts = 0
  const rounds = [...roundRecords(sealed).values()].flatMap((r) => recordedRound(r) ?? [])
  const docNames = new Set(rounds.map((r) => r.docName))
  for (const docName of docNames) {
    const key = { workspaceId, docName }
    const logRow = `doc_updates workspace_id=${workspaceId} doc_name=${docName}`
    let log: LogRow[]
    try {
      log = await store.log(key)
    } catch (err) {
      problems.push(
        problem({ workspaceId, row: logRow }, `le journal des modifications ne se lit pas : ${String(err)}`, `the update log cannot be read: ${String(err)}`),
      )
      continue
    }
    for (const round of rounds.filter((r) => r.docName === docName)) {
      const { seq } = round
      const at = { workspaceId, seq, roundId: round.id }
      const version = await db.selectFrom('document_version').selectAll().where('id', '=', round.versionId).executeTakeFirst()
      const versionRow = `document_version id=${round.versionId}`
      if (!version || version.workspace_id !== workspaceId || version.doc_name !== docName) {
        problems.push(
          problem(
            { ...at, row: versionRow },
            `la version nommée par l’entrée n° ${seq} manque dans la base`,
            `the version named by entry ${seq} is missing from the database`,
          ),
        )
        continue
      }
      if (version.content_hash !== round.contentHash) {
        problems.push(
          problem(
            { ...at, row: versionRow },
            `la version enregistrée a l’empreinte ${shortHash(version.content_hash)}, l’entrée n° ${seq} a figé ${shortHash(round.contentHash)}`,
            `the stored version has hash ${shortHash(version.content_hash)}, entry ${seq} froze ${shortHash(round.contentHash)}`,
          ),
        )
      }
      versions++
      const upTo = Number(version.log_id)
      const rebuilt = rebuild(() => stateAt(log, upTo), docName)
      if (rebuilt !== round.contentHash) {
        problems.push(
          problem(
            { ...at, row: `${logRow} id<=${upTo}` },
            `le texte de la version « ${version.name} » reconstruit depuis le journal des modifications a l’empreinte ${display(rebuilt)}, l’entrée n° ${seq} a figé ${shortHash(round.contentHash)} : modifications remplacées`,
            `the text of version "${version.name}" rebuilt from the update log has hash ${display(rebuilt)}, entry ${seq} froze ${shortHash(round.contentHash)}: updates replaced`,
          ),
        )
      }
    }
    const last = sealed.filter((e) => e.docName === docName && STATUS_ACTIONS.has(e.action)).at(-1)
    if (last?.action !== 'adopted') continue
    adoptedTexts++
    const adopted = typeof last.detail.contentHash === 'string' ? last.detail.contentHash : ''
    const at = { workspaceId, seq: last.seq, roundId: typeof last.detail.roundId === 'string' ? last.detail.roundId : null }
    const current = rebuild(() => stateAt(log), docName)
    if (current !== adopted) {
      problems.push(
        problem(
          { ...at, row: logRow },
          `le texte adopté, reconstruit depuis le journal des modifications, a l’empreinte ${display(current)} ; l’entrée n° ${last.seq} (adopté) dit ${shortHash(adopted)} : modifications remplacées ou ajoutées`,
          `the adopted text rebuilt from the update log has hash ${display(current)}; entry ${last.seq} (adopted) says ${shortHash(adopted)}: updates replaced or added`,
        ),
      )
    }
    const loaded = await store.load(key).then(
      (stored) =>
        rebuild(() => {
          const doc = new Y.Doc()
          if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
          for (const update of stored.updates) Y.applyUpdate(doc, update)
          return doc
        }, docName),
      (err: unknown) => `(${String(err)})`,
    )
    if (loaded !== adopted && current === adopted) {
      problems.push(
        problem(
          { ...at, row: `doc_snapshots workspace_id=${workspaceId} doc_name=${docName}` },
          `le texte adopté que sert le serveur (instantané et modifications suivantes) a l’empreinte ${display(loaded)} ; l’entrée n° ${last.seq} (adopté) dit ${shortHash(adopted)} : instantané remplacé`,
          `the adopted text the server serves (snapshot and later updates) has hash ${display(loaded)}; entry ${last.seq} (adopted) says ${shortHash(adopted)}: snapshot replaced`,
        ),
      )
    }
  }
  return { problems, versions, adoptedTexts }
}

/** The content hash of a rebuilt document, or why it could not be rebuilt in brackets (a forged update may not even decode). */
function rebuild(build: () => Y.Doc, docName: string): string {
  try {
    return hashOf(build(), docName)
  } catch (err) {
    return `(${err instanceof Error ? err.message : String(err)})`
  }
}

/** A rebuilt hash in a message: its short form, or the reason it is missing. */
const display = (hash: string): string => (hash.startsWith('(') ? hash : shortHash(hash))
