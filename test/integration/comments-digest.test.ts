import {
  actionsOf,
  buildAction,
  contentOf,
  digestPreferenceSchema,
  mentionToken,
  outboxMailSchema,
  planMetaOf,
  type InboxItem,
  type OutboxMail,
  type Role,
} from '@ensemble/shared'
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { addDocTargets } from '../helpers/docTargets.ts'
import { HttpClient, signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { api, createThread, expectError, inbox, openEvents, reply } from './comments-flow.ts'
import { addMember, INVITATION_LINK } from '../helpers/invitations.ts'

/**
 * A scripted week in one alliance, on a server whose clock the test moves: live edits by several
 * members, an action's deadline moved, comments with mentions (one carrying an XSS payload). The
 * digest scheduler ticks every 50 ms of real time and reads the fake clock.
 */

// Monday 4 March 2030, 09:00 UTC.
const D0 = Date.parse('2030-03-04T09:00:00Z')
const DAY = 86_400_000
let now = D0
const clock = () => new Date(now)
const at = (day: number, hour: number) => D0 - 9 * 3_600_000 + day * DAY + hour * 3_600_000

interface Person {
  client: HttpClient
  userId: string
  email: string
  name: string
}

let server: TestServer
let workspaceId = ''
const people = {} as Record<'alice' | 'bruno' | 'chloe' | 'damien', Person>
const open: DocClient[] = []

const digestUrl = () => `/api/workspaces/${workspaceId}/me/digest`

/** The digests kept in the outbox, oldest first (the invitations that brought the members in are left out). */
async function outbox(): Promise<OutboxMail[]> {
  const mails = await people.alice.client.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)
  return mails
    .map((m) => outboxMailSchema.parse(m))
    .filter((m) => !INVITATION_LINK.test(m.text))
    .reverse()
}
const mailsTo = async (who: Person) => (await outbox()).filter((m) => m.to === who.email)

/** Runs a scheduler pass with the current clock (the first may be a tick's pass that started earlier). */
async function settle(): Promise<void> {
  await server.server.digests.runDue()
  await server.server.digests.runDue()
}

async function connect(who: Person, docName: string): Promise<DocClient> {
  const c = await connectDoc(who.client, workspaceId, docName)
  open.push(c)
  await c.synced()
  return c
}

const actionItems = async (who: Person) => (await inbox(who.client, workspaceId)).filter((i) => i.kind === 'action.changed')

/** The lines of one section of a digest's text part (between its heading and the next blank line). */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) return []
  const out: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('- ')) break
    out.push(line.slice(2))
  }
  return out
}

describe('digests by email, action.changed inbox items (scripted week, fake clock)', () => {
  let plan: Record<'alice' | 'bruno', DocClient>

  beforeAll(async () => {
    server = await startTestServer({ DIGEST_TICK_MS: '50' }, tempDataDir(), { clock })
    const names = { alice: 'Alice Martin', bruno: 'Bruno Petit', chloe: 'Chloé Durand', damien: 'Damien Roux' }
    for (const [key, name] of Object.entries(names) as [keyof typeof names, string][]) people[key] = { ...(await signUp(server.url, name)), name }
    ;({ id: workspaceId } = await people.alice.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du Littoral' }, 201))
    const { id: partnerId } = await people.alice.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Association Littoral', type: 'association' },
      201,
    )
    const roles: [Person, Role][] = [
      [people.bruno, 'editor'],
      [people.chloe, 'editor'],
      [people.damien, 'commenter'],
    ]
    for (const [p, role] of roles) await addMember(people.alice.client, workspaceId, p, { role, partnerId })
    // The scheduler records every member once: their first period starts now (Monday 09:00).
    await settle()
    plan = { alice: await connect(people.alice, 'plan'), bruno: await connect(people.bruno, 'plan') }
  })

  afterAll(async () => {
    for (const c of open) c.destroy()
    await server?.close()
    if (server) removeDir(server.dataDir)
  })

  it('[COMM20] a member reads and sets their digest preference; bad input is 422 naming the field and changes nothing; outsiders get 404', async () => {
    const initial = digestPreferenceSchema.parse(await people.chloe.client.json('GET', digestUrl(), undefined, 200))
    expect(initial).toEqual({ frequency: 'weekly', language: 'fr', lastSentAt: null, nextDigestAt: '2030-03-11T06:00:00.000Z' })
    for (const [body, field] of [
      [{ frequency: 'hourly' }, 'frequency'],
      [{ language: 'de' }, 'language'],
      [{}, 'frequency'],
      [{ frequency: 'daily', sender: 'x' }, undefined],
    ] as const) {
      const res = await people.chloe.client.request('PUT', digestUrl(), body)
      expect(res.status).toBe(422)
      const { error } = (await res.json()) as { error: { code: string; field?: string } }
      expect(error.code).toBe('validation_failed')
      if (field) expect(error.field).toBe(field)
    }
    expect(await people.chloe.client.json('GET', digestUrl(), undefined, 200)).toEqual(initial)
    expect(await people.chloe.client.json('PUT', digestUrl(), { frequency: 'daily', language: 'en' }, 200)).toEqual({
      frequency: 'daily',
      language: 'en',
      lastSentAt: null,
      nextDigestAt: '2030-03-05T06:00:00.000Z',
    })
    await people.damien.client.json('PUT', digestUrl(), { frequency: 'daily' }, 200)
    const outsider = await signUp(server.url, 'Intrus')
    await expectError(await outsider.client.request('GET', digestUrl()), 404, 'not_found')
    await expectError(await new HttpClient(server.url).request('GET', digestUrl()), 401, 'unauthenticated')
  })

  it('[COMM21] an accepted live edit of an action gives its accountable and responsible members (never the author) one coalesced action.changed item naming the fields; a refused edit gives none', async () => {
    const { alice, bruno, chloe } = people
    plan.alice.doc.transact(() => {
      planMetaOf(plan.alice.doc).set('start', '2030-01-01')
      planMetaOf(plan.alice.doc).set('end', '2030-12-31')
      const common = { status: 'planned' as const, start: '2030-03-01' }
      actionsOf(plan.alice.doc).set(
        'a1',
        buildAction({ ...common, title: 'Classes de mer', order: 'a0', deadline: '2030-03-06', accountable: bruno.userId, responsible: [chloe.userId] }),
      )
      actionsOf(plan.alice.doc).set(
        'a2',
        buildAction({ ...common, title: 'Jardin partagé', order: 'a1', deadline: '2030-06-30', accountable: alice.userId, responsible: [chloe.userId] }),
      )
      actionsOf(plan.alice.doc).set(
        'a3',
        buildAction({ ...common, title: 'Fête du port', order: 'a2', deadline: '2030-03-15', accountable: alice.userId, responsible: [bruno.userId] }),
      )
    })
    await waitFor(() => actionsOf(plan.bruno.doc).size === 3, { message: 'the plan laid out' })
    // Creating actions is not a change of an existing action.
    expect(await actionItems(bruno)).toEqual([])

    now = at(0, 10)
    actionsOf(plan.alice.doc).get('a1')!.set('deadline', '2030-03-08')
    const first = await waitFor(async () => (await actionItems(chloe))[0], { message: 'Chloé’s action.changed item' })
    expect(first).toMatchObject({
      kind: 'action.changed',
      docName: 'plan',
      targetKind: 'action',
      targetId: 'a1',
      fields: ['deadline'],
      actorId: alice.userId,
      threadId: null,
      messageId: null,
      readAt: null,
    })
    actionsOf(plan.alice.doc).get('a1')!.set('title', 'Classes de mer et d’estuaire')
    await waitFor(async () => (await actionItems(bruno))[0]?.fields?.includes('title'), { message: 'Bruno’s item names the title' })

    // Bruno (accountable) moves the action on: Chloé's item takes the field, Bruno gets nothing of his own.
    actionsOf(plan.bruno.doc).get('a1')!.set('status', 'in_progress')
    await waitFor(async () => (await actionItems(chloe))[0]?.fields?.includes('status'), { message: 'Chloé’s item names the status' })
    // A refused edit (an editor renaming an action he is not on) notifies nobody.
    actionsOf(plan.bruno.doc).get('a2')!.set('title', 'Jardin piraté')
    await waitFor(() => plan.bruno.errors.length > 0 && actionsOf(plan.bruno.doc).get('a2')!.get('title') === 'Jardin partagé', { message: 'the refusal' })
    expect(plan.alice.errors).toEqual([])

    const chloeItems = await actionItems(chloe)
    expect(chloeItems).toHaveLength(1)
    expect(chloeItems[0]).toMatchObject({ targetId: 'a1', fields: ['deadline', 'status', 'title'], actorId: bruno.userId })
    const brunoItems = await actionItems(bruno)
    expect(brunoItems).toHaveLength(1)
    expect(brunoItems[0]).toMatchObject({ targetId: 'a1', fields: ['deadline', 'title'], actorId: alice.userId })
    expect(await actionItems(alice)).toEqual([])
    expect((await chloe.client.json<{ unread: number }>('GET', `${api(workspaceId).inbox}/unread-count`, undefined, 200)).unread).toBe(1)
  })

  it('[COMM22] daily and weekly digests go out at 06:00 UTC (weekly on Mondays) with the member’s own due actions first, then by document, by action, mentions and replies, in French and in English; user text is escaped in the HTML', async () => {
    const { alice, bruno, chloe, damien } = people
    // Monday 10:30: Damien opens a thread on the action, mentioning Chloé, with a hostile payload; Chloé replies.
    now = at(0, 10.5)
    const hostile = `${mentionToken('user', chloe.userId, chloe.name)} <script>alert(1)</script><img src=x onerror=alert(2)> l’échéance a bougé`
    const { thread } = await createThread(damien.client, workspaceId, { targetKind: 'action', targetId: 'a1', body: hostile })
    await reply(chloe.client, workspaceId, thread.id, 'Bien vu, je m’en occupe.')

    // Tuesday 05:59: nothing is due yet.
    now = at(1, 5.99)
    await settle()
    expect(await outbox()).toEqual([])
    // Tuesday 06:00: the scheduler's own tick sends the daily digests (Chloé in English, Damien in French).
    now = at(1, 6)
    const [chloe1] = await waitFor(
      async () => {
        const mails = await mailsTo(chloe)
        return mails.length ? mails : null
      },
      { message: 'Chloé’s first daily digest' },
    )
    const [damien1] = await waitFor(
      async () => {
        const mails = await mailsTo(damien)
        return mails.length ? mails : null
      },
      { message: 'Damien’s first daily digest' },
    )
    await settle()
    expect(await mailsTo(bruno)).toEqual([])
    expect(await mailsTo(alice)).toEqual([])

    expect(chloe1!.subject).toBe('Daily digest · Alliance du Littoral')
    const en = chloe1!.text
    expect(en).toContain('Hello Chloé Durand,')
    const order = ['Your actions due', 'By document', 'By action', 'Mentions and replies'].map((h) => en.split('\n').indexOf(h))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(section(en, 'Your actions due')).toEqual(['Classes de mer et d’estuaire — due 8 March 2030 · responsible (R)'])
    expect(section(en, 'By document')).toEqual([expect.stringMatching(/^Action plan — \d+ edits by Alice Martin and Bruno Petit · 1 new comment$/)])
    expect(section(en, 'By action')).toEqual(['Classes de mer et d’estuaire — deadline, status and title changed by Bruno Petit'])
    expect(section(en, 'Mentions and replies')).toEqual([
      `Damien Roux mentioned you (Action plan): “@Chloé Durand <script>alert(1)</script><img src=x onerror=alert(2)> l’échéance a bougé”`,
    ])
    // The HTML part shows the payload as text: no element is injected.
    expect(chloe1!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;')
    expect(chloe1!.html).not.toMatch(/<script|<img/i)
    expect(chloe1!.html).toContain('<html lang="en">')

    expect(damien1!.subject).toBe('Résumé du jour · Alliance du Littoral')
    const fr = damien1!.text
    expect(fr).not.toContain('Vos actions à échéance')
    expect(section(fr, 'Par document')).toEqual([
      expect.stringMatching(/^Plan d’action — \d+ modifications par Alice Martin et Bruno Petit · 1 nouveau commentaire$/),
    ])
    expect(section(fr, 'Mentions et réponses')).toEqual(['Chloé Durand a répondu dans votre fil (Plan d’action) : « Bien vu, je m’en occupe. »'])

    // Tuesday 10:00: Alice writes in the charter.
    now = at(1, 10)
    const charter = await connect(alice, 'charter')
    charter.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Article 1 — Nos valeurs communes')])
      contentOf(charter.doc).insert(0, [paragraph])
    })
    const bystander = await connect(bruno, 'charter')
    await waitFor(() => contentOf(bystander.doc).length === 1, { message: 'the charter edit stored' })

    // Wednesday 06:00: second daily digests.
    now = at(2, 6)
    await settle()
    const chloeMails = await mailsTo(chloe)
    expect(chloeMails).toHaveLength(2)
    expect(section(chloeMails[1]!.text, 'By document')).toEqual(['Partnership charter — 1 edit by Alice Martin'])
    expect(section(chloeMails[1]!.text, 'Your actions due')).toHaveLength(1)
    const damienMails = await mailsTo(damien)
    expect(damienMails).toHaveLength(2)
    expect(section(damienMails[1]!.text, 'Par document')).toEqual(['Charte partenariale — 1 modification par Alice Martin'])

    // Thursday 06:00: nothing happened, Damien gets no mail.
    now = at(3, 6)
    await settle()
    expect(await mailsTo(damien)).toHaveLength(2)
    // Thursday 10:00: Alice sets the progress of the garden action (Chloé responsible).
    now = at(3, 10)
    actionsOf(plan.alice.doc).get('a2')!.set('progress', 10)
    await waitFor(async () => (await actionItems(chloe)).some((i) => i.targetId === 'a2'), { message: 'Chloé’s a2 item' })

    // Day by day to next Monday 06:00: a daily mail only when something happened; the weekly ones on Monday.
    for (let day = 4; day <= 7; day++) {
      now = at(day, 6)
      await settle()
    }
    expect(await mailsTo(damien)).toHaveLength(3)
    expect(section((await mailsTo(damien))[2]!.text, 'Par document')).toEqual(['Plan d’action — 1 modification par Alice Martin'])
    // Chloé still gets her daily mail on Thursday (her due action) and Friday (the garden change).
    expect((await mailsTo(chloe)).length).toBeGreaterThanOrEqual(4)

    const [bruno1, ...brunoMore] = await mailsTo(bruno)
    expect(brunoMore).toEqual([])
    expect(bruno1!.subject).toBe('Résumé de la semaine · Alliance du Littoral')
    const weekly = bruno1!.text
    expect(weekly.split('\n').indexOf('Vos actions à échéance')).toBeLessThan(weekly.split('\n').indexOf('Par document'))
    expect(section(weekly, 'Vos actions à échéance')).toEqual([
      'Classes de mer et d’estuaire — en retard, échéance le 8 mars 2030 · responsable (A)',
      'Fête du port — échéance le 15 mars 2030 · réalisateur (R)',
    ])
    expect(section(weekly, 'Par document')).toEqual([
      expect.stringMatching(/^Charte partenariale — 1 modification par Alice Martin$/),
      expect.stringMatching(/^Plan d’action — \d+ modifications par Alice Martin · 2 nouveaux commentaires$/),
    ])
    expect(section(weekly, 'Par action')).toEqual(['Classes de mer et d’estuaire — échéance et intitulé modifié par Alice Martin'])
    const [alice1] = await mailsTo(alice)
    expect(section(alice1!.text, 'Vos actions à échéance')).toEqual(['Fête du port — échéance le 15 mars 2030 · responsable (A)'])
    expect(section(alice1!.text, 'Par document')).toEqual([
      expect.stringMatching(/^Plan d’action — \d+ modifications par Bruno Petit · 2 nouveaux commentaires$/),
    ])
  })

  it('[COMM23] every digest carries a signed unsubscribe link that works without a session and stops further mail; a bad or tampered token is 400 and changes nothing', async () => {
    const { chloe, damien } = people
    const mail = (await mailsTo(chloe)).at(-1)!
    const link = /Unsubscribe from digests: (\S+)/.exec(mail.text)![1]!
    expect(mail.html).toContain(`href="${link}"`)
    expect(mail.headers['List-Unsubscribe']).toBe(`<${link}>`)
    const url = new URL(link)
    const token = url.searchParams.get('token')!
    const anonymous = new HttpClient(server.url)
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    for (const bad of ['', 'abc', tampered, `${token}.x`])
      await expectError(await anonymous.request('GET', `/api/unsubscribe?token=${encodeURIComponent(bad)}`), 400, 'bad_request', 'token')
    expect((await chloe.client.json('GET', digestUrl(), undefined, 200)).frequency).toBe('daily')

    expect(await anonymous.json('GET', `${url.pathname}${url.search}`, undefined, 200)).toEqual({ workspaceId, frequency: 'off' })
    expect(await chloe.client.json('GET', digestUrl(), undefined, 200)).toMatchObject({ frequency: 'off', nextDigestAt: null })
    const before = (await mailsTo(chloe)).length
    const damienBefore = (await mailsTo(damien)).length
    // Something happens on Monday; Tuesday 06:00 Damien hears of it, Chloé no more.
    now = at(7, 10)
    actionsOf(plan0()).get('a2')!.set('progress', 20)
    await waitFor(async () => (await actionItems(chloe)).filter((i) => i.targetId === 'a2' && i.fields?.includes('progress')).length > 0, {
      message: 'the Monday edit recorded',
    })
    now = at(8, 6)
    await settle()
    expect(await mailsTo(damien)).toHaveLength(damienBefore + 1)
    expect(await mailsTo(chloe)).toHaveLength(before)
  })

  it('[COMM21] once read, the next change of the action opens a new item', async () => {
    const { alice, bruno } = people
    const [item] = await actionItems(bruno)
    await bruno.client.request('POST', `${api(workspaceId).inbox}/${item!.id}/read`)
    actionsOf(plan0()).get('a1')!.set('objective', 'Accueillir dix classes')
    const items = await waitFor(
      async () => {
        const all = await actionItems(bruno)
        return all.length === 2 ? all : null
      },
      { message: 'a second item for Bruno' },
    )
    expect(items.map((i: InboxItem) => [i.fields, i.readAt === null])).toEqual([
      [['objective'], true],
      [['deadline', 'title'], false],
    ])
    expect(items[0]!.actorId).toBe(alice.userId)
  })

  /** Alice's plan replica (opened in beforeAll). */
  function plan0(): Y.Doc {
    return plan.alice.doc
  }
})

/** A minimal SMTP server (RFC 5321 subset, no TLS) that keeps each message's DATA. */
async function startSmtpSink(): Promise<{ url: string; messages: string[]; refuse: number; close(): Promise<void> }> {
  const messages: string[] = []
  const sink = { refuse: 0 }
  const sockets = new Set<Socket>()
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.setEncoding('utf8')
    let buffer = ''
    let data: string[] | null = null
    socket.write('220 sink ESMTP\r\n')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      let cut: number
      while ((cut = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, cut)
        buffer = buffer.slice(cut + 2)
        if (data) {
          if (line === '.') {
            messages.push(data.join('\r\n'))
            data = null
            socket.write('250 queued\r\n')
          } else data.push(line.startsWith('..') ? line.slice(1) : line)
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-sink\r\n250 8BITMIME\r\n')
        else if (verb === 'DATA') {
          data = []
          socket.write('354 go ahead\r\n')
        } else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else if (verb === 'MAIL' && sink.refuse > 0) {
          sink.refuse--
          socket.write('451 try again later\r\n')
        } else socket.write('250 ok\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages,
    get refuse() {
      return sink.refuse
    },
    set refuse(n: number) {
      sink.refuse = n
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Headers (unfolded, encoded words decoded) and the decoded text of every part of a MIME message. */
function readMime(message: string): { headers: Record<string, string>; body: string } {
  const decodeQ = (text: string) =>
    Buffer.from(
      text.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8')
  const words = (value: string) =>
    value.replace(/(=\?UTF-8\?([QB])\?([^?]*)\?=)(\s+(?==\?))?/gi, (_m, _w, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQ(text.replace(/_/g, ' ')),
    )
  const [head = '', ...rest] = message.split('\r\n\r\n')
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = words(line.slice(colon + 1).trim())
  }
  const body = decodeQ(rest.join('\r\n\r\n').replace(/=\r\n/g, ''))
  return { headers, body }
}

describe('digest delivery', () => {
  it('[COMM24] with SMTP_URL the digest goes through SMTP (nodemailer), not to the outbox, and is tried again when the server refuses it; the outbox route is absent in production', async () => {
    const sink = await startSmtpSink()
    let t = Date.parse('2030-03-04T09:00:00Z')
    const smtp = await startTestServer({ SMTP_URL: sink.url, MAIL_FROM: 'Ensemble <digest@example.org>', DIGEST_TICK_MS: '3600000' }, tempDataDir(), {
      clock: () => new Date(t),
    })
    const production = await startTestServer({ NODE_ENV: 'production' })
    try {
      const admin = await signUp(smtp.url, 'Alice Martin')
      const member = await signUp(smtp.url, 'Chloé Durand')
      const { id: ws } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance SMTP' }, 201)
      // The invitation goes through SMTP as well: its link is read at the sink, then the sink is emptied for the digest.
      await addMember(admin.client, ws, member, { role: 'commenter' }, async () => {
        const invitation = readMime(await waitFor(() => sink.messages[0], { message: 'the invitation at the SMTP server' }))
        expect(invitation.headers.to).toBe(member.email)
        return INVITATION_LINK.exec(invitation.body)![1]!
      })
      sink.messages.length = 0
      await member.client.json('PUT', `/api/workspaces/${ws}/me/digest`, { frequency: 'daily', language: 'en' }, 200)
      await addDocTargets(admin.client, ws, { actions: ['a1'] })
      await createThread(admin.client, ws, {
        targetKind: 'action',
        targetId: 'a1',
        body: `${mentionToken('user', member.userId, 'Chloé Durand')} <b>bold?</b>`,
      })
      t = Date.parse('2030-03-05T06:00:00Z')
      // The SMTP server refuses the first attempt: the digest is tried again at the next pass.
      sink.refuse = 1
      await smtp.server.digests.runDue()
      expect(sink.refuse).toBe(0)
      expect(sink.messages).toEqual([])
      await smtp.server.digests.runDue()
      const message = await waitFor(() => sink.messages[0], { message: 'the mail at the SMTP server' })
      const { headers, body } = readMime(message)
      expect(headers.subject).toBe('Daily digest · Alliance SMTP')
      expect(headers.to).toBe(member.email)
      expect(headers.from).toBe('Ensemble <digest@example.org>')
      expect(headers['list-unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/unsubscribe\?token=[^>]+>$/)
      expect(body).toContain('Alice Martin mentioned you (Action plan): “@Chloé Durand <b>bold?</b>”')
      expect(body).toContain('&lt;b&gt;bold?&lt;/b&gt;')
      expect(body).not.toContain('<b>bold?</b></li>')
      expect(await admin.client.json('GET', '/api/dev/outbox', undefined, 200)).toEqual([])

      const someone = await signUp(production.url, 'Prod')
      await expectError(await someone.client.request('GET', '/api/dev/outbox'), 404, 'not_found')
    } finally {
      await smtp.close()
      await production.close()
      removeDir(smtp.dataDir)
      removeDir(production.dataDir)
      await sink.close()
    }
  })
})

describe('digests start at the last visit', () => {
  it('[COMM27] a member who opened the alliance (its live event stream) gets in the next digest only what changed after that visit; a member who did not gets the whole period', async () => {
    // Monday two weeks after the scripted week, 09:00.
    now = at(14, 9)
    const visited = await startTestServer({ DIGEST_TICK_MS: '60000' }, tempDataDir(), { clock })
    try {
      const admin = await signUp(visited.url, 'Agnès Admin')
      const bruno = await signUp(visited.url, 'Bruno Visite')
      const chloe = await signUp(visited.url, 'Chloé Absente')
      const { id } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance des Visites' }, 201)
      const { id: partnerId } = await admin.client.json<{ id: string }>(
        'POST',
        `/api/workspaces/${id}/partners`,
        { name: 'Association Visites', type: 'association' },
        201,
      )
      for (const member of [bruno, chloe]) {
        await addMember(admin.client, id, member, { role: 'editor', partnerId })
      }
      await visited.server.digests.runDue() // records both members: their period starts Monday 09:00
      for (const member of [bruno, chloe]) await member.client.json('PUT', `/api/workspaces/${id}/me/digest`, { frequency: 'daily', language: 'fr' }, 200)

      await addDocTargets(admin.client, id, { actions: ['a-visite'] })
      now = at(14, 10)
      await createThread(admin.client, id, { targetKind: 'action', targetId: 'a-visite', body: 'Premier sujet, avant la visite de Bruno.' })
      now = at(14, 11)
      const stream = await openEvents(bruno.client, id) // resolves once `ready` is sent: the visit is recorded
      stream.close()
      now = at(14, 12)
      await createThread(admin.client, id, { targetKind: 'action', targetId: 'a-visite', body: 'Second sujet, après la visite.' })

      now = at(15, 6)
      await visited.server.digests.runDue()
      const mails = (await admin.client.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)).map((m) => outboxMailSchema.parse(m))
      const textTo = (email: string) => mails.filter((m) => m.to === email).map((m) => m.text)
      const [brunoText] = textTo(bruno.email)
      const [chloeText] = textTo(chloe.email)
      expect(brunoText).toContain('1 nouveau commentaire')
      expect(brunoText).not.toContain('2 nouveaux commentaires')
      expect(chloeText).toContain('2 nouveaux commentaires')
    } finally {
      await visited.close()
      removeDir(visited.dataDir)
    }
  })
})
