import { mentionToken, newId, type Decision, type Meeting, type MeetingDetail, type VoteView } from '@ensemble/shared'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { addDocTargets } from '../helpers/docTargets.ts'
import type { HttpClient } from '../helpers/http.ts'
import { realPathIds } from '../helpers/pathIds.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { report } from './support.ts'

/**
 * REF1–REF2 of docs/SPEC.md on a real server (SQLite): ids of another alliance named in a request
 * body, and hostile path parameters on every route. The member budgets (LIM2–LIM6) are lifted:
 * these tables send far more requests than a person would.
 */
let server: TestServer
let ours: Awaited<ReturnType<typeof createAlliance>>
let theirs: Awaited<ReturnType<typeof createAlliance>>

const meetingInput = (bodyId: string, title: string) => ({ bodyId, title, startsAt: '2026-11-24T14:00:00+01:00', endsAt: '2026-11-24T16:00:00+01:00' })

/** A meeting of `bodyId`, once the body has reached the server. */
async function schedule(admin: HttpClient, workspaceId: string, bodyId: string, title: string): Promise<Meeting> {
  return admin.json<Meeting>('POST', `/api/workspaces/${workspaceId}/meetings`, meetingInput(bodyId, title), 201)
}

beforeAll(async () => {
  server = await startTestServer({ MEMBER_LIMITS_SCALE: '1000' })
  ours = await createAlliance(server.url, ['editor'])
  theirs = await createAlliance(server.url, ['editor'])
  // Our body seats our partner: with our editor present, a decision has its quorum.
  await addDocTargets(ours.admin.client, ours.workspaceId, { actions: ['our-action'], bodies: ['our-body'], bodySeats: { [ours.partnerId]: 1 } })
  await addDocTargets(theirs.admin.client, theirs.workspaceId, { actions: ['their-action'], bodies: ['their-body'] })
})
afterAll(async () => {
  await server.close()
  removeDir(server.dataDir)
})

describe('REF1 references to another alliance', () => {
  it('[REF1] a request naming another alliance’s action, body, decision, meeting, agenda item, member, partner, version or log row answers exactly like an id nobody has, and changes nothing here or there', async () => {
    const me = ours.admin.client
    const ws = `/api/workspaces/${ours.workspaceId}`
    const ourEditor = ours.members[0]!
    // Theirs: a meeting with an agenda item and a decision, a version of their plan.
    const theirWs = `/api/workspaces/${theirs.workspaceId}`
    const theirMeeting = await schedule(theirs.admin.client, theirs.workspaceId, 'their-body', 'Leur comité')
    const theirItem = await theirs.admin.client.json<{ id: string }>('POST', `${theirWs}/meetings/${theirMeeting.id}/agenda`, { title: 'Leur point' }, 201)
    const theirDecision = await theirs.admin.client.json<Decision>(
      'POST',
      `${theirWs}/meetings/${theirMeeting.id}/decisions`,
      { title: 'Leur décision', outcome: 'adopted' },
      201,
    )
    const theirVersion = await theirs.admin.client.json<{ id: string; rowId: number }>(
      'POST',
      `${theirWs}/documents/plan/versions`,
      { name: 'Leur version' },
      201,
    )
    const theirEditor = theirs.members[0]!
    // Ours: a meeting with an open vote, an adopted decision, minutes open to amendments.
    const meeting = await schedule(me, ours.workspaceId, 'our-body', 'Notre comité')
    await me.json('PUT', `${ws}/meetings/${meeting.id}/attendance`, { userId: ourEditor.userId, status: 'present' }, 200)
    const vote = await me.json<VoteView>('POST', `${ws}/meetings/${meeting.id}/votes`, { question: 'Adopter le budget ?' }, 201)
    const decision = await me.json<Decision>('POST', `${ws}/meetings/${meeting.id}/decisions`, { title: 'Lancer l’appel à projets', outcome: 'adopted' }, 201)
    expect(decision.outcome).toBe('adopted')
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    await me.json('POST', `${ws}/meetings/${meeting.id}/minutes`, { status: 'amendments', amendmentsUntil: tomorrow }, 200)

    const m = `${ws}/meetings/${meeting.id}`
    // [what, method, path, body naming the id, their id]; `path` may name the id too.
    const cases: [string, string, (id: string) => string, (id: string) => unknown, string][] = [
      ['thread on an action', 'POST', () => `${ws}/comments/threads`, (id) => ({ targetKind: 'action', targetId: id, body: 'Fil' }), 'their-action'],
      [
        'thread on an action field',
        'POST',
        () => `${ws}/comments/threads`,
        (id) => ({ targetKind: 'action_field', targetId: id, field: 'deadline', body: 'Fil' }),
        'their-action',
      ],
      ['thread on a body', 'POST', () => `${ws}/comments/threads`, (id) => ({ targetKind: 'body', targetId: id, body: 'Fil' }), 'their-body'],
      ['thread on a decision', 'POST', () => `${ws}/comments/threads`, (id) => ({ targetKind: 'decision', targetId: id, body: 'Fil' }), theirDecision.id],
      [
        'thread on minutes',
        'POST',
        () => `${ws}/comments/threads`,
        (id) => ({ targetKind: 'document', docName: `minutes:${id}`, body: 'Fil' }),
        theirMeeting.id,
      ],
      [
        'mention of a member',
        'POST',
        () => `${ws}/comments/threads`,
        (id) => ({ targetKind: 'document', docName: 'charter', body: mentionToken('user', id, 'Quelqu’un') }),
        theirEditor.userId,
      ],
      [
        'mention of a partner',
        'POST',
        () => `${ws}/comments/threads`,
        (id) => ({ targetKind: 'document', docName: 'charter', body: mentionToken('partner', id, 'Un partenaire') }),
        theirs.partnerId,
      ],
      ['meeting of a body', 'POST', () => `${ws}/meetings`, (id) => meetingInput(id, 'Réunion'), 'their-body'],
      ['agenda item on an action', 'POST', () => `${m}/agenda`, (id) => ({ title: 'Point', actionId: id }), 'their-action'],
      ['agenda item on minutes', 'POST', () => `${m}/agenda`, (id) => ({ title: 'Point', docName: `minutes:${id}` }), theirMeeting.id],
      ['vote on an agenda item', 'POST', () => `${m}/votes`, (id) => ({ question: 'Question ?', agendaItemId: id }), theirItem.id],
      ['decision on an agenda item', 'POST', () => `${m}/decisions`, (id) => ({ title: 'Décision', outcome: 'adopted', agendaItemId: id }), theirItem.id],
      ['attendance of a member', 'PUT', () => `${m}/attendance`, (id) => ({ userId: id, status: 'present' }), theirEditor.userId],
      ['proxy given to a member', 'PUT', () => `${m}/attendance`, (id) => ({ userId: ourEditor.userId, status: 'proxy', proxyTo: id }), theirEditor.userId],
      ['ballot for a member’s seat', 'POST', () => `${m}/votes/${vote.id}/ballots`, (id) => ({ choice: 'for', forId: id }), theirEditor.userId],
      ['minutes approved by a decision', 'POST', () => `${m}/minutes`, (id) => ({ status: 'approved', decisionId: id }), theirDecision.id],
      [
        'action from a decision: accountable',
        'POST',
        () => `${ws}/meetings/decisions/${decision.id}/actions`,
        (id) => ({ accountable: id, responsible: [ourEditor.userId], deadline: '2026-12-31' }),
        theirEditor.userId,
      ],
      [
        'action from a decision: the action',
        'PATCH',
        (id) => `${ws}/meetings/decisions/${decision.id}/actions/${id}`,
        () => ({ deadline: '2026-12-31' }),
        'their-action',
      ],
      ['action from a decision: the decision', 'POST', (id) => `${ws}/meetings/decisions/${id}/actions`, () => ({ accountable: null }), theirDecision.id],
      [
        'member added with a partner',
        'POST',
        () => `${ws}/members`,
        (id) => ({ email: 'invite.ref1@example.org', role: 'editor', partnerId: id }),
        theirs.partnerId,
      ],
      ['member moved to a partner', 'PATCH', () => `${ws}/members/${ourEditor.userId}`, (id) => ({ partnerId: id }), theirs.partnerId],
      ['version of a log row', 'POST', () => `${ws}/documents/plan/versions`, (id) => ({ name: 'Version', rowId: Number(id) }), String(theirVersion.rowId)],
      ['sign-off of a version', 'POST', () => `${ws}/documents/charter/signoff/proposals`, (id) => ({ versionId: id }), theirVersion.id],
    ]

    const before = { ours: await snapshot(me, ours.workspaceId, meeting.id), theirs: await snapshot(theirs.admin.client, theirs.workspaceId, theirMeeting.id) }
    const answers: Record<string, number> = {}
    for (const [what, method, path, body, theirId] of cases) {
      // An id nobody has, of the same shape (a log row is a number).
      const nobody = /^\d+$/.test(theirId) ? String(10 ** 12 + Number(theirId)) : newId()
      const answer = async (id: string) => {
        const res = await me.request(method, path(id), body(id))
        // The id itself may be quoted in the message; everything else must be the same.
        return { status: res.status, body: (await res.text()).replaceAll(id, '<id>') }
      }
      const foreign = await answer(theirId)
      const unknown = await answer(nobody)
      expect({ what, ...foreign }).toEqual({ what, ...unknown })
      expect([404, 409, 422], `${what}: ${foreign.status} ${foreign.body}`).toContain(foreign.status)
      answers[foreign.status] = (answers[foreign.status] ?? 0) + 1
    }
    expect({
      ours: await snapshot(me, ours.workspaceId, meeting.id),
      theirs: await snapshot(theirs.admin.client, theirs.workspaceId, theirMeeting.id),
    }).toEqual(before)
    report('REF1', { routesAndFields: cases.length, requests: cases.length * 2, answersByStatus: answers })
  })
})

/** Everything the REF1 requests could have changed in one alliance, as its admin reads it. */
async function snapshot(admin: HttpClient, workspaceId: string, meetingId: string): Promise<unknown> {
  const ws = `/api/workspaces/${workspaceId}`
  const get = (path: string) => admin.json('GET', `${ws}${path}`, undefined, 200)
  const detail = await admin.json<MeetingDetail>('GET', `${ws}/meetings/${meetingId}`, undefined, 200)
  return {
    workspace: await admin.json('GET', ws, undefined, 200),
    threads: await get('/comments/threads'),
    meetings: await get('/meetings'),
    meeting: detail,
    decisions: await get('/meetings/decisions'),
    planVersions: await get('/documents/plan/versions'),
    signoff: await get('/documents/charter/signoff'),
    planHistory: await get('/documents/plan/history'),
  }
}

/** Hostile values of one path segment, as sent on the wire (already percent-encoded where they are). */
const HOSTILE_SEGMENTS: [string, string][] = [
  ['%25', '%25'],
  ['%2525', '%2525'],
  ['NUL', '%00'],
  ['..', '..'],
  ['%2e%2e', '%2e%2e'],
  ['encoded slash', '..%2F..%2Fplan'],
  ['malformed UTF-8', '%E0%A4%A'],
  ['lone byte', '%FF'],
  ['unicode', encodeURIComponent('été-😀-документ')],
  ['very long', 'x'.repeat(4000)],
  ['minutes of ..', encodeURIComponent('minutes:..')],
  ['CRLF', '%0D%0ASet-Cookie:%20x=1'],
]

/** A raw request: the path goes on the wire exactly as given (fetch would normalise `..`). */
function rawRequest(client: HttpClient, method: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(client.baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { cookie: client.cookieHeader, origin: url.origin, 'content-type': 'application/json' } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end(method === 'GET' || method === 'DELETE' ? undefined : '{}')
  })
}

describe('REF2 hostile names in the path', () => {
  it('[REF2] every route of the OpenAPI document with a path parameter, each parameter in turn given 12 hostile values (%25, %00, .., encoded slashes, bad UTF-8, unicode, 4,000 characters…): 400, 404 or 422, never a 5xx', async () => {
    const me: TestMember = ours.admin
    const ws = ours.workspaceId
    const openApi = await me.client.json<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json', undefined, 200)
    const meeting = await schedule(me.client, ws, 'our-body', 'Comité des noms')
    const version = await me.client.json<{ id: string }>('POST', `/api/workspaces/${ws}/documents/plan/versions`, { name: 'Nommée' }, 201)
    // Real ids for the parameters not under attack, so the hostile one is the one the route reads.
    const real: Record<string, string> = {
      ...(await realPathIds(ours)),
      docName: 'plan',
      actionId: 'our-action',
      versionId: version.id,
      roundId: newId(),
      meetingId: meeting.id,
      decisionId: newId(),
      voteId: newId(),
      amendmentId: newId(),
    }
    const statuses: Record<number, number> = {}
    const failures: string[] = []
    let requests = 0
    for (const [template, methods] of Object.entries(openApi.paths)) {
      const params = [...template.matchAll(/\{(\w+)\}/g)].map((p) => p[1]!)
      for (const method of Object.keys(methods).map((x) => x.toUpperCase())) {
        for (const attacked of params) {
          for (const [name, segment] of HOSTILE_SEGMENTS) {
            const path = template.replace(/\{(\w+)\}/g, (_, p: string) => (p === attacked ? segment : encodeURIComponent(real[p] ?? newId())))
            const { status, body } = await rawRequest(me.client, method, path)
            requests++
            statuses[status] = (statuses[status] ?? 0) + 1
            // A `..` segment is resolved by URL parsing before any route (another route then answers,
            // in the same workspace): no name reaches a route, and the answer only has to be no 5xx.
            const resolvedElsewhere = new URL(path, 'http://x').pathname !== path
            const refused = [400, 404, 422].includes(status) && body.startsWith('{"error":')
            if (status >= 500 || (!refused && !resolvedElsewhere))
              failures.push(`${method} ${template} {${attacked}} = ${name}: ${status} ${body.slice(0, 80)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    // The server is still there, and nothing named by a hostile value was created.
    await waitFor(async () => (await me.client.request('GET', '/api/health')).ok, { message: 'health' })
    expect((await me.client.json<unknown[]>('GET', `/api/workspaces/${ws}/documents/plan/versions`, undefined, 200)).length).toBe(1)
    report('REF2', { requests, hostileValues: HOSTILE_SEGMENTS.length, answersByStatus: statuses })
  })
})
