import { actionsOf, addDays, plainTextOf, readAction, todayIso, type ActionStatus } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../../db/schema.ts'
import type { DocStore } from '../../storage/docStore.ts'
import { inboxItemsBetween } from '../inbox/service.ts'
import type { DigestData } from './compose.ts'
import type { StoredPreference } from './preferences.ts'

/** Actions due within this many days (or overdue) are listed first in every digest. */
export const DUE_SOON_DAYS = 7
const EXCERPT_LENGTH = 200
const CLOSED: readonly ActionStatus[] = ['done', 'cancelled']
const DOC_ORDER = ['vision', 'charter', 'agreement', 'convention', 'plan', 'governance']
const docRank = (docName: string) => (DOC_ORDER.includes(docName) ? DOC_ORDER.indexOf(docName) : DOC_ORDER.length)

export interface DigestRecipient {
  workspaceId: string
  workspaceName: string
  userId: string
  name: string
  email: string
}

/** A document as stored (snapshot and log), read outside any room. */
export async function loadStoredDoc(store: DocStore, workspaceId: string, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const loaded = await store.load({ workspaceId, docName })
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const update of loaded.updates) Y.applyUpdate(doc, update)
  return doc
}

/**
 * Everything a member's digest says about the period [from, to): their open actions due soon, live
 * edits by others (update log: author and time of each accepted edit) and new comments per document,
 * their `action.changed` items, and the mentions and replies that reached them.
 */
export async function collectDigest(
  db: Kysely<Database>,
  /** The alliance's plan document as stored (read once per pass for all its members). */
  plan: Y.Doc,
  recipient: DigestRecipient,
  preference: StoredPreference & { frequency: 'daily' | 'weekly' },
  period: { from: Date; to: Date },
  links: { appUrl: string; unsubscribeUrl: string },
): Promise<DigestData> {
  const { workspaceId, userId } = recipient
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  const actions = actionsOf(plan)

  const today = todayIso(period.to)
  const horizon = addDays(today, DUE_SOON_DAYS)
  const dueActions: DigestData['dueActions'] = []
  actions.forEach((map) => {
    const a = readAction(map)
    const role = a.accountable === userId ? 'accountable' : a.responsible.includes(userId) ? 'responsible' : null
    if (!role || !a.deadline || CLOSED.includes(a.status) || a.deadline > horizon) return
    dueActions.push({ title: a.title, deadline: a.deadline, overdue: a.deadline < today, role, status: a.status })
  })
  dueActions.sort((x, y) => x.deadline.localeCompare(y.deadline) || x.title.localeCompare(y.title))

  const edits = await db
    .selectFrom('doc_updates')
    .select(['doc_name', 'author_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', period.from.getTime())
    .where('created_at', '<', period.to.getTime())
    .where('author_id', 'is not', null)
    .where('author_id', '!=', userId)
    .groupBy(['doc_name', 'author_id'])
    .execute()
  const comments = await db
    .selectFrom('comment_message')
    .innerJoin('comment_thread', 'comment_thread.id', 'comment_message.thread_id')
    .select(['comment_thread.doc_name', (eb) => eb.fn.countAll().as('n')])
    .where('comment_thread.workspace_id', '=', workspaceId)
    .where('comment_message.created_at', '>=', from)
    .where('comment_message.created_at', '<', to)
    .where('comment_message.author_id', '!=', userId)
    .where('comment_message.deleted_at', 'is', null)
    .where('comment_message.hidden_at', 'is', null)
    .groupBy('comment_thread.doc_name')
    .execute()
  const items = await inboxItemsBetween(db, workspaceId, userId, from, to)

  const people = new Set<string>([...edits.map((e) => e.author_id!), ...items.map((i) => i.author_id ?? i.actor_id ?? '')].filter(Boolean))
  const names = new Map(
    people.size
      ? (
          await db
            .selectFrom('user')
            .select(['id', 'name'])
            .where('id', 'in', [...people])
            .execute()
        ).map((u) => [u.id, u.name])
      : [],
  )
  const nameOf = (id: string | null) => (id && names.get(id)) || '?'

  const documents = new Map<string, DigestData['documents'][number]>()
  const docEntry = (docName: string) => documents.get(docName) ?? documents.set(docName, { docName, edits: 0, editors: [], comments: 0 }).get(docName)!
  for (const e of edits) {
    const entry = docEntry(e.doc_name)
    entry.edits += Number(e.n)
    entry.editors.push(nameOf(e.author_id))
  }
  for (const c of comments) docEntry(c.doc_name).comments += Number(c.n)
  for (const entry of documents.values()) entry.editors.sort((a, b) => a.localeCompare(b))

  const changedActions: DigestData['actions'] = []
  const messages: DigestData['messages'] = []
  for (const item of items) {
    if (item.kind === 'action.changed') {
      const map = item.target_id ? actions.get(item.target_id) : undefined
      if (map) changedActions.push({ title: readAction(map).title, fields: JSON.parse(item.fields ?? '[]') as string[], editor: nameOf(item.actor_id) })
    } else if ((item.kind === 'mention' || item.kind === 'reply') && item.body) {
      messages.push({ kind: item.kind, author: nameOf(item.author_id), docName: item.doc_name ?? '', excerpt: plainTextOf(item.body).slice(0, EXCERPT_LENGTH) })
    }
  }
  return {
    language: preference.language,
    frequency: preference.frequency,
    workspaceName: recipient.workspaceName,
    recipientName: recipient.name,
    from,
    to,
    dueActions,
    documents: [...documents.values()].sort((a, b) => docRank(a.docName) - docRank(b.docName) || a.docName.localeCompare(b.docName)),
    actions: changedActions,
    messages,
    ...links,
  }
}
