import { CLOSE, contentOf, LIMITS, MESSAGE, readServerError, type ServerErrorMessage } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SaveTracker } from '../../client/src/features/collab/saveTracker.ts'
import { openDatabase, type DatabaseHandle } from '@ensemble/server/db'
import { SqliteDocStore } from '@ensemble/server/storage'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, fetchTicket, type DocClient } from '../helpers/collab.ts'
import { HttpClient } from '../helpers/http.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { tokensIn } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { ChaosProxy } from './support/chaosProxy.ts'
import { gcAt, largeParagraph, longKey, nestedArrays, nestedMaps, nestedQuotesUpdate, skipAt, textItemAt } from './support/craftedUpdates.ts'
import { closedWithin, openRaw, report, syncFrame, type RawSocket } from './support.ts'

/**
 * A hostile member against the collaboration core (HOST1–HOST4 of docs/SPEC.md), on a real server
 * with its SQLite file: crafted Yjs updates sent as raw frames, as an attacker would, next to real
 * y-websocket providers whose edits must survive.
 */
let server: TestServer
let alliance: Awaited<ReturnType<typeof createAlliance>>
const dataDir = tempDataDir()
const open: DocClient[] = []
let database: DatabaseHandle | null = null

beforeAll(async () => {
  server = await startTestServer({}, dataDir)
  alliance = await createAlliance(server.url, ['observer', 'editor', 'editor', 'observer'])
})
afterAll(async () => {
  for (const client of open) client.destroy()
  await database?.close()
  await server.close()
  removeDir(dataDir)
})

const member = (i: number): TestMember => alliance.members[i]!
const [OBSERVER, VICTIM, MALLORY, SNOOP] = [0, 1, 2, 3]

async function raw(who: TestMember, docName: string): Promise<RawSocket> {
  const ticket = await fetchTicket(who.client, alliance.workspaceId)
  return openRaw(`${server.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/${encodeURIComponent(docName)}?ticket=${ticket}`, new URL(server.url).origin)
}

async function provider(who: TestMember, docName: string, via?: string): Promise<DocClient & { tracker: SaveTracker }> {
  let tracker!: SaveTracker
  const client = await connectDoc(who.client, alliance.workspaceId, docName, new Y.Doc(), {
    ...(via ? { via } : {}),
    beforeConnect: (p) => (tracker = new SaveTracker(p)),
  })
  open.push(client)
  await client.synced()
  return { ...client, tracker }
}

/** The server errors (type 100) and saved acknowledgements (type 101) a raw socket received. */
function answers(socket: RawSocket): { errors: ServerErrorMessage[]; saved: number } {
  const errors: ServerErrorMessage[] = []
  let saved = 0
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE.serverError) errors.push(readServerError(decoder))
    if (type === MESSAGE.saved) saved++
  }
  return { errors, saved }
}

/** The server's sync step 1 to a raw socket: the document's state vector, as an attacker reads it. */
function stateVectorSent(socket: RawSocket): Map<number, number> {
  for (const frame of socket.received) {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MESSAGE.sync || decoding.readVarUint(decoder) !== 0) continue
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder))
  }
  throw new Error('no sync step 1 received')
}

const sqlite = (): DatabaseHandle => (database ??= openDatabase({ dataDir, databaseUrl: null }))
const storedRows = (docName: string): Promise<number> =>
  new SqliteDocStore(sqlite().sqlite!).log({ workspaceId: alliance.workspaceId, docName }).then((rows) => rows.length)
async function storedDoc(docName: string): Promise<Y.Doc> {
  const loaded = await new SqliteDocStore(sqlite().sqlite!).load({ workspaceId: alliance.workspaceId, docName })
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const update of loaded.updates) Y.applyUpdate(doc, update)
  return doc
}
const storedBytes = (docName: string): Promise<number> =>
  new SqliteDocStore(sqlite().sqlite!)
    .log({ workspaceId: alliance.workspaceId, docName })
    .then((rows) => rows.reduce((sum, row) => sum + row.data.byteLength, 0))

/** A paragraph holding one token, as the editor writes it. */
function typeParagraph(doc: Y.Doc, token: string): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(` ${token} `)])
    contentOf(doc).push([paragraph])
  })
}

describe('HOST1 — a Yjs client id belongs to the person who first used it', () => {
  it('[HOST1] GC, skip and item structs at another member’s client id and next clock are refused before they apply: typed error, nothing stored, no acknowledgement; the owner’s next edits are stored', async () => {
    const victim = await provider(member(VICTIM), 'vision')
    const watcher = await provider(alliance.admin, 'vision')
    typeParagraph(victim.doc, 'tok-avant-0')
    await waitFor(() => tokensIn(watcher.doc).has('tok-avant-0'), { message: 'first token relayed' })
    const victimId = victim.doc.clientID

    const attacks: [string, TestMember, (next: number) => Uint8Array][] = [
      ['a GC struct from an observer', member(OBSERVER), (next) => gcAt(victimId, next, 1000)],
      ['a skip struct from an observer', member(OBSERVER), (next) => skipAt(victimId, next, 1000)],
      ['an item the rules refuse, from an editor', member(MALLORY), (next) => textItemAt(victimId, next, 'content', 'x')],
      ['a GC struct as sync step 2, from an editor', member(MALLORY), (next) => gcAt(victimId, next, 5)],
    ]
    for (const [label, attacker, craft] of attacks) {
      const socket = await raw(attacker, 'vision')
      await waitFor(() => socket.received.length > 0, { message: 'sync step 1 received' })
      // The attacker learns the victim's id and next clock from the server's own sync step 1.
      const next = stateVectorSent(socket).get(victimId)
      expect(next, label).toBe(Y.getState(victim.doc.store, victimId))
      const rowsBefore = await storedRows('vision')
      socket.ws.send(syncFrame(label.includes('step 2') ? 1 : 2, craft(next!)))
      const closed = await closedWithin(socket)
      const { errors, saved } = answers(socket)
      expect(closed.code, label).toBe(CLOSE.internalError)
      expect(
        errors.map((e) => e.code),
        label,
      ).toEqual(['client_id_taken'])
      expect(saved, label).toBe(0)
      expect(await storedRows('vision'), label).toBe(rowsBefore)

      const token = `tok-apres-${attacks.findIndex(([l]) => l === label)}`
      typeParagraph(victim.doc, token)
      await waitFor(async () => tokensIn(watcher.doc).has(token) && tokensIn(await storedDoc('vision')).has(token), {
        message: `${label}: the victim's next edit is relayed and stored`,
      })
    }
    report('HOST1', { attacks: attacks.length, refused: attacks.length, victimTokensLost: 0 })
  })

  it('[HOST1] edits the owner made offline are stored on reconnect although someone tried to burn their clocks meanwhile', async () => {
    const victim = await provider(member(VICTIM), 'charter')
    typeParagraph(victim.doc, 'tok-enligne-0')
    await waitFor(async () => tokensIn(await storedDoc('charter')).has('tok-enligne-0'), { message: 'online token stored' })
    victim.provider.disconnect()
    const offline = Array.from({ length: 5 }, (_, i) => `tok-horsligne-${i}`)
    for (const token of offline) typeParagraph(victim.doc, token)

    const socket = await raw(member(OBSERVER), 'charter')
    await waitFor(() => socket.received.length > 0, { message: 'sync step 1 received' })
    const next = stateVectorSent(socket).get(victim.doc.clientID)!
    socket.ws.send(syncFrame(2, gcAt(victim.doc.clientID, next, 10_000)))
    expect((await closedWithin(socket)).code).toBe(CLOSE.internalError)

    victim.provider.connect()
    await waitFor(
      async () => {
        const stored = tokensIn(await storedDoc('charter'))
        return offline.every((token) => stored.has(token))
      },
      { message: 'every offline token stored after reconnecting' },
    )
  })

  it('[HOST1] through a 40 ms latency proxy, an attacker burning each next clock the moment it sees it makes none of the victim’s live edits vanish, and the victim’s status is true', async () => {
    let seed = 26
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const proxy = await ChaosProxy.start(server.url, random, { maxDelayMs: 40, cutChance: 0, midFrameChance: 0 })
    let victim: Awaited<ReturnType<typeof provider>> | null = null
    try {
      victim = await provider(member(VICTIM), 'convention', proxy.url)
      const { tracker } = victim
      const watcher = await provider(alliance.admin, 'convention')
      const victimId = victim.doc.clientID
      // The attacker knows only what the server shows: the victim's id appears with its first edit (or presence).
      typeParagraph(victim.doc, 'tok-latence-0')
      await waitFor(() => tokensIn(watcher.doc).has('tok-latence-0'), { message: 'first token relayed' })
      const tokens: string[] = ['tok-latence-0']
      let attempts = 0
      let refused = 0
      // The attacker sits next to the server (no delay) and watches the victim's updates arrive.
      const burnNext = async () => {
        const socket = await raw(member(OBSERVER), 'convention')
        await waitFor(() => socket.received.length > 0, { message: 'sync step 1 received' })
        const next = stateVectorSent(socket).get(victimId)
        expect(next).toBeDefined()
        // Far enough ahead to cover every edit still in flight, and the next ones.
        socket.ws.send(syncFrame(2, gcAt(victimId, next!, 10_000)))
        attempts++
        if ((await closedWithin(socket)).code === CLOSE.internalError && answers(socket).errors.some((e) => e.code === 'client_id_taken')) refused++
      }
      for (let i = 1; i <= 20; i++) {
        const token = `tok-latence-${i}`
        tokens.push(token)
        typeParagraph(victim.doc, token)
        // Every fourth keystroke, while it is still in flight through the proxy.
        if (i % 4 === 0) await burnNext()
      }
      await waitFor(() => tracker.state === 'saved', { message: 'the victim’s status reads saved', timeoutMs: 10_000 })
      const stored = tokensIn(await storedDoc('convention'))
      const seen = tokensIn(watcher.doc)
      expect(tokens.filter((t) => !stored.has(t))).toEqual([])
      expect(tokens.filter((t) => !seen.has(t))).toEqual([])
      expect(refused).toBe(attempts)
      report('HOST1', { latencyMs: 40, tokens: tokens.length, burnAttempts: attempts, refused, lost: 0 })
    } finally {
      // Not left reconnecting through a closed proxy (each attempt would spend one of the victim's tickets, LIM4).
      victim?.destroy()
      await proxy.close()
    }
  })
})

describe('HOST2 — depth and keys are bounded at decode, before anything applies', () => {
  const attacks: [doc: string, label: string, update: () => Uint8Array][] = [
    ['plan', '10,000 nested maps (≈120 KB)', () => nestedMaps('actions', 10_000)],
    ['governance', `${LIMITS.maxNestingDepth} nested maps under a root`, () => nestedMaps('bodies', LIMITS.maxNestingDepth)],
    ['vision', '2,500 nested blockquotes (≈52 KB)', () => nestedQuotesUpdate(2_500)],
    ['minutes:host2', '10,000 nested arrays', () => nestedArrays('content', 10_000)],
    ['agreement', 'a map key of 300 characters', () => longKey('meta', LIMITS.maxKeyLength + 44)],
  ]

  it.each(attacks)('[HOST2] %s: %s is refused before it applies (typed error, 4400), nothing is stored or broadcast', async (docName, label, update) => {
    const watcher = await provider(alliance.admin, docName)
    const rowsBefore = await storedRows(docName)
    const updatesSeen: Uint8Array[] = []
    watcher.doc.on('update', (u: Uint8Array) => updatesSeen.push(u))
    for (const attacker of [member(OBSERVER), member(MALLORY)]) {
      const socket = await raw(attacker, docName)
      socket.ws.send(syncFrame(2, update()))
      expect((await closedWithin(socket)).code, label).toBe(CLOSE.malformedMessage)
      expect(
        answers(socket).errors.map((e) => e.code),
        label,
      ).toEqual(['update_out_of_bounds'])
    }
    expect(await storedRows(docName)).toBe(rowsBefore)
    // Another member's edit still goes through, and is the only thing the watcher ever received.
    const editor = await provider(member(VICTIM), docName)
    editor.doc.getMap('probe').set('x', 1)
    await waitFor(() => updatesSeen.length > 0, { message: 'a later edit reaches the watcher' })
    expect(updatesSeen.every((u) => u.byteLength < 1024)).toBe(true)
  })

  it('[HOST2] after those attempts, an idle unload and a restart, every document loads for everyone', async () => {
    for (const client of open.splice(0)) client.destroy()
    await waitFor(() => server.server.rooms.size === 0, { message: 'rooms unloaded', timeoutMs: 10_000 })
    await server.close()
    server = await startTestServer({}, dataDir)
    const client = new HttpClient(server.url)
    await client.json('POST', '/api/auth/sign-in/email', { email: alliance.admin.email, password: 'motdepasse-solide-1' }, 200)
    for (const docName of attacks.map(([doc]) => doc)) {
      const reader = await connectDoc(client, alliance.workspaceId, docName)
      open.push(reader)
      await reader.synced()
      expect(reader.errors).toEqual([])
    }
    alliance.admin.client = client
    for (const m of alliance.members) {
      const fresh = new HttpClient(server.url)
      await fresh.json('POST', '/api/auth/sign-in/email', { email: m.email, password: 'motdepasse-solide-1' }, 200)
      m.client = fresh
    }
  })
})

describe('HOST3 — a refused edit is stored and broadcast as what it costs to undo', () => {
  it('[HOST3] forty refused 1.9 MB inserts by an observer grow the store by a few bytes each, reach others as a few bytes, and its budget of refused bytes closes it (4429)', async () => {
    const watcher = await provider(alliance.admin, 'agreement')
    const framesSeen: number[] = []
    watcher.doc.on('update', (update: Uint8Array) => framesSeen.push(update.byteLength))
    const before = await storedBytes('agreement')
    let sent = 0
    let rateLimited = 0
    while (sent < 40) {
      const socket = await raw(member(SNOOP), 'agreement')
      let closedCode: number | null = null
      void socket.closed.then(({ code }) => (closedCode = code))
      while (closedCode === null && sent < 40) {
        const refusedBefore = answers(socket).errors.length
        socket.ws.send(syncFrame(2, largeParagraph(1_900_000, String.fromCharCode(97 + (sent % 26)))))
        sent++
        await waitFor(() => closedCode !== null || answers(socket).errors.length > refusedBefore, { message: 'insert refused' })
        expect(answers(socket).errors.at(-1)?.code).toBe('edit_forbidden')
      }
      await waitFor(() => closedCode !== null || sent >= 40, { message: 'closed once its refused bytes are spent' })
      if (closedCode === CLOSE.rateLimited) rateLimited++
      socket.ws.close()
    }
    const growth = (await storedBytes('agreement')) - before
    const largestFrame = Math.max(0, ...framesSeen)
    report('HOST3', {
      refusedInserts: sent,
      bytesSent: sent * 1_900_000,
      storeGrowthBytes: growth,
      largestFrameToOthers: largestFrame,
      closedForRefusedBytes: rateLimited,
    })
    expect(growth).toBeLessThan(sent * 256)
    expect(largestFrame).toBeLessThan(1024)
    expect(rateLimited).toBeGreaterThan(0)
    expect(tokensIn(await storedDoc('agreement')).size).toBe(0)
  })
})

describe('HOST4 — a document has a size limit, and a connection a byte budget', () => {
  it('[HOST4] an editor’s large inserts stop at the rich-text limit with a typed error; deleting still works, and frees room for more', async () => {
    const limit = LIMITS.maxDocumentBytes.richText
    const editor = await provider(member(VICTIM), 'vision')
    const frame = 1_800_000
    const paragraphs = Math.ceil(limit / frame) + 1
    const { tracker } = editor
    for (let i = 0; i < paragraphs; i++) {
      editor.doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText('y'.repeat(frame))])
        contentOf(editor.doc).push([paragraph])
      })
      // Each paste is answered (acknowledged): stored, or refused, undone and stored as such.
      await waitFor(() => tracker.state === 'saved', { message: `paste ${i} answered`, timeoutMs: 20_000 })
    }
    const tooLarge = editor.errors.filter((e) => e.code === 'document_too_large').length
    expect(tooLarge).toBeGreaterThan(0)
    const stored = Y.encodeStateAsUpdate(await storedDoc('vision')).byteLength
    expect(stored).toBeLessThanOrEqual(limit + 64 * 1024)
    // Deleting is always accepted; once measured again, there is room for a small paragraph.
    const errors = editor.errors.length
    editor.doc.transact(() => contentOf(editor.doc).delete(0, contentOf(editor.doc).length))
    await waitFor(async () => contentOf(await storedDoc('vision')).length === 0, { message: 'deletion stored', timeoutMs: 10_000 })
    expect(editor.errors.length).toBe(errors)
    await waitFor(
      async () => {
        typeParagraph(editor.doc, `tok-place-${editor.errors.length}`)
        await new Promise((resolve) => setImmediate(resolve))
        return tokensIn(await storedDoc('vision')).size > 0
      },
      { message: 'room for more once the size is measured again', timeoutMs: 10_000, intervalMs: 300 },
    )
    report('HOST4', { limit, pasteBytes: frame, refusedTooLarge: tooLarge, storedStateBytes: stored })
  })

  it('[HOST4] a connection sending more update bytes than its budget, even bytes the room already holds, is closed (4429)', async () => {
    const socket = await raw(member(MALLORY), 'minutes:host4')
    // The same update again and again: stored once, then nothing new, but each copy is read and decoded.
    const update = largeParagraph(1_500_000)
    const budget = LIMITS.rate.updateBytes.burst
    const frames = Math.ceil((budget * 1.5) / update.byteLength)
    for (let i = 0; i < frames; i++) socket.ws.send(syncFrame(2, update))
    expect((await closedWithin(socket, 20_000)).code).toBe(CLOSE.rateLimited)
    report('HOST4', { updateBytesBudget: budget, framesSent: frames, frameBytes: update.byteLength })
  })
})
