import { Hono } from 'hono'
import { outboxMailSchema, unsubscribeQuerySchema, updateDigestPreferenceSchema, type OutboxMail } from '@ensemble/shared'
import { presentPreference, readPreference, updatePreference } from '../../domain/digest/preferences.ts'
import { readUnsubscribeToken } from '../../domain/digest/unsubscribeToken.ts'
import { systemClock } from '../../domain/clock.ts'
import { getMembership } from '../../domain/members.ts'
import { badRequest } from '../../errors.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember, requireUser } from '../middleware.ts'
import { parseJson } from '../validate.ts'

/** Mounted at /api/workspaces/:workspaceId/me/digest: the caller's own digest settings in this alliance. */
export function digestRoutes(deps: AppDeps) {
  const member = requireMember(deps)
  const clock = deps.clock ?? systemClock
  return new Hono<AppEnv>()
    .get('/', member, async (c) => {
      const { workspaceId, userId } = c.get('membership')
      return c.json(presentPreference(await readPreference(deps.db, clock, workspaceId, userId)))
    })
    .put('/', member, async (c) => {
      const input = await parseJson(c, updateDigestPreferenceSchema)
      const { workspaceId, userId } = c.get('membership')
      return c.json(presentPreference(await updatePreference(deps.db, clock, workspaceId, userId, input)))
    })
}

const UNSUBSCRIBED_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Ensemble</title></head><body>
<p>Vous ne recevrez plus de résumés par courriel pour cette alliance.</p>
<p lang="en">You will no longer receive email digests for this alliance.</p></body></html>`

/**
 * Mounted at /api/unsubscribe: the link of every digest. Works without a session (the signed token
 * names the member); a bad token is 400 and changes nothing. Answers a small page to browsers.
 */
export function unsubscribeRoutes(deps: AppDeps) {
  const clock = deps.clock ?? systemClock
  return new Hono<AppEnv>().get('/', async (c) => {
    const query = unsubscribeQuerySchema.safeParse(c.req.query())
    const who = query.success ? readUnsubscribeToken(deps.authSecret, query.data.token) : null
    if (!who) throw badRequest('This unsubscribe link is not valid.', 'token')
    // Someone no longer in the alliance gets no digest anyway.
    if (await getMembership(deps.db, who.workspaceId, who.userId)) await updatePreference(deps.db, clock, who.workspaceId, who.userId, { frequency: 'off' })
    if (c.req.header('accept')?.includes('text/html')) return c.html(UNSUBSCRIBED_PAGE)
    return c.json({ workspaceId: who.workspaceId, frequency: 'off' as const })
  })
}

/** Mounted at /api/dev/outbox outside production: the mail the server kept locally, newest first. */
export function devOutboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requireUser, async (c) => {
    const rows = await deps.db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute()
    const mails: OutboxMail[] = rows.map((r) =>
      outboxMailSchema.parse({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, html: r.html_body, headers: JSON.parse(r.headers) as Record<string, string>, createdAt: r.created_at }),
    )
    return c.json(mails)
  })
}
