import {
  digestPreferenceSchema,
  outboxMailSchema,
  unsubscribedSchema,
  unsubscribeQuerySchema,
  updateDigestPreferenceSchema,
  type OutboxMail,
} from '@ensemble/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { presentPreference, readPreference, updatePreference } from '../../domain/digest/preferences.ts'
import { readUnsubscribeToken } from '../../domain/digest/unsubscribeToken.ts'
import { systemClock } from '../../domain/clock.ts'
import { getMembership } from '../../domain/members.ts'
import { badRequest } from '../../errors.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { requireMember, requireUser } from '../middleware.ts'
import { jsonBody, query } from '../validate.ts'

/** Mounted at /api/workspaces/:workspaceId/me/digest: the caller's own digest settings in this alliance. */
export function digestRoutes(deps: AppDeps) {
  const member = requireMember(deps)
  const clock = deps.clock ?? systemClock
  return new Hono<AppEnv>()
    .get(
      '/',
      describe('The caller’s digest settings in this alliance (default weekly, in their language)', { 200: digestPreferenceSchema }),
      member,
      async (c) => {
        const { workspaceId, userId } = c.get('membership')
        return c.json(presentPreference(await readPreference(deps.db, clock, workspaceId, userId)))
      },
    )
    .put(
      '/',
      describe('Set digest frequency (off, daily, weekly) and/or language (fr, en)', { 200: digestPreferenceSchema }),
      member,
      jsonBody(updateDigestPreferenceSchema),
      async (c) => {
        const { workspaceId, userId } = c.get('membership')
        return c.json(presentPreference(await updatePreference(deps.db, clock, workspaceId, userId, c.req.valid('json'))))
      },
    )
}

const UNSUBSCRIBED_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Ensemble</title></head><body>
<p>Vous ne recevrez plus de résumés par courriel pour cette alliance.</p>
<p lang="en">You will no longer receive email digests for this alliance.</p></body></html>`

/**
 * Mounted at /api/unsubscribe: the link of every digest. Works without a session (the signed token
 * names the member); a bad token is 400 and changes nothing. Answers a small page to browsers.
 */
export function unsubscribeRoutes(deps: AppDeps) {
  // Any bad token, missing, malformed or forged, is the same 400 naming `token`.
  const invalidLink = () => badRequest('This unsubscribe link is not valid.', 'token')
  const clock = deps.clock ?? systemClock
  return new Hono<AppEnv>().get(
    '/',
    describe(
      'Turn digests off with the signed token of a digest’s link (?token=…); no session needed; bad token → 400; a page to browsers (Accept: text/html)',
      {
        200: unsubscribedSchema,
      },
    ),
    query(unsubscribeQuerySchema, { refusal: invalidLink }),
    async (c) => {
      const who = readUnsubscribeToken(deps.authSecret, c.req.valid('query').token)
      if (!who) throw invalidLink()
      // Someone no longer in the alliance gets no digest anyway.
      if (await getMembership(deps.db, who.workspaceId, who.userId)) await updatePreference(deps.db, clock, who.workspaceId, who.userId, { frequency: 'off' })
      if (c.req.header('accept')?.includes('text/html')) return c.html(UNSUBSCRIBED_PAGE)
      return c.json({ workspaceId: who.workspaceId, frequency: 'off' as const })
    },
  )
}

/** Mounted at /api/dev/outbox outside production: the mail the server kept locally, newest first. */
export function devOutboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/',
    describe('Mail kept locally when no SMTP server is configured (outside production only)', { 200: z.array(outboxMailSchema) }),
    requireUser,
    async (c) => {
      const rows = await deps.db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute()
      const mails: OutboxMail[] = rows.map((r) =>
        outboxMailSchema.parse({
          id: r.id,
          to: r.to_address,
          subject: r.subject,
          text: r.text_body,
          html: r.html_body,
          headers: JSON.parse(r.headers) as Record<string, string>,
          createdAt: r.created_at,
        }),
      )
      return c.json(mails)
    },
  )
}
