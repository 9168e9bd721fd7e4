import { actionsOf, buildAction, contentOf, keysAfter, planMetaOf } from '@ensemble/shared'
import * as Y from 'yjs'

/**
 * Adds actions `from`…`to`−1 of a valid plan of `count` in-progress actions to `doc`, each with people,
 * dates, two milestones and a resource (the shared plan layout). People and partners cycle through
 * the given ids, so the plan passes the rules of the workspace they belong to.
 */
function addActions(doc: Y.Doc, orders: readonly string[], from: number, to: number, people: readonly string[], partners: readonly string[]): void {
  const person = (i: number) => people[i % people.length]!
  for (let i = from; i < to; i++) {
    actionsOf(doc).set(
      `a${i}`,
      buildAction({
        title: `Action ${i}`,
        objective: 'Objectif',
        description: 'Description de départ. ',
        order: orders[i]!,
        status: 'in_progress',
        start: '2026-03-01',
        deadline: '2027-06-30',
        progress: 10,
        accountable: person(i),
        responsible: [...new Set([person(i + 1), person(i + 2)])],
        consulted: [person(i + 3)],
        informed: [person(i + 4)],
        milestones: {
          m1: { title: 'Lancement', date: '2026-04-01', done: true, order: 'a0' },
          m2: { title: 'Bilan', date: '2027-06-01', done: false, order: 'a1' },
        },
        resources: { r1: { label: 'Budget', amount: 1000, unit: 'EUR', partnerId: partners[i % partners.length]! } },
      }),
    )
  }
}

/**
 * The updates that build a plan of `count` actions, `perUpdate` actions each (the first also sets the
 * plan's meta): a large plan sent in pieces, each under the server's frame limit.
 */
export function planUpdates(count: number, perUpdate: number, people: readonly string[], partners: readonly string[]): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 1
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const orders = keysAfter(null, count)
  for (let from = 0; from < count; from += perUpdate) {
    doc.transact(() => {
      if (from === 0) {
        planMetaOf(doc).set('title', 'Plan')
        planMetaOf(doc).set('start', '2026-01-01')
        planMetaOf(doc).set('end', '2028-12-31')
      }
      addActions(doc, orders, from, Math.min(count, from + perUpdate), people, partners)
    })
  }
  return updates
}

/** The whole plan of `count` actions (see planUpdates) as one document. */
export function planOf(count: number, people: readonly string[], partners: readonly string[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of planUpdates(count, count, people, partners)) Y.applyUpdate(doc, update)
  return doc
}

const SENTENCE = 'Les partenaires de l’alliance mettent en commun leurs moyens pour mener les actions du plan. '

/** A rich-text document (the agreement's layout: paragraphs under `content`) of about `bytes` of text. */
export function agreementOf(bytes: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 2
  const paragraphText = SENTENCE.repeat(6)
  const paragraphs = Math.ceil(bytes / paragraphText.length)
  doc.transact(() => {
    const items: Y.XmlElement[] = []
    for (let i = 0; i < paragraphs; i++) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`${i + 1}. ${paragraphText}`)])
      items.push(paragraph)
    }
    contentOf(doc).insert(0, items)
  })
  return doc
}

/** The large alliance: its plan (in pieces under the 2 MB frame limit) and its agreement, as updates. */
export interface LargeSeed {
  actions: number
  planChunks: Uint8Array[]
  agreement: Uint8Array
  paragraphs: number
  bytes: number
}

export function largeSeed(actions: number, agreementBytes: number, people: readonly string[], partners: readonly string[]): LargeSeed {
  const planChunks = planUpdates(actions, 1000, people, partners)
  const agreement = agreementOf(agreementBytes)
  const agreementUpdate = Y.encodeStateAsUpdate(agreement)
  return {
    actions,
    planChunks,
    agreement: agreementUpdate,
    paragraphs: contentOf(agreement).length,
    bytes: planChunks.reduce((sum, c) => sum + c.length, 0) + agreementUpdate.length,
  }
}
