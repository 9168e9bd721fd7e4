import {
  proposedRoundSchema,
  proposeSchema,
  signoffArticlesSchema,
  signoffAuditEntrySchema,
  signoffRoundViewSchema,
  unlockedSchema,
  voteSchema,
} from '@ensemble/shared'
import { z } from 'zod'
import { Hono, type Context } from 'hono'
import type { WorkspaceEventBus } from '../../domain/comments/events.ts'
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/signoff/export/index.ts'
import type { SignoffService } from '../../domain/signoff/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe, fileAnswer } from '../describe.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds } from '../validate.ts'
import { documentEvents } from './documentEvents.ts'
import { docNameParam } from './history.ts'

const fileName = (docName: string, ext: string, kind: 'adopted' | 'draft' = 'adopted') => `attachment; filename="${docName}-${kind}.${ext}"`

const mismatch = '; 409 audit_mismatch when its stored sign-off or text does not match the sealed audit entries'

/**
 * Mounted at /api/workspaces/:workspaceId/documents: sign-off rounds of a rich text (propose, vote,
 * withdraw, unlock for an amendment), its audit trail, and exports of the adopted version.
 */
export function signoffRoutes(deps: AppDeps, signoff: SignoffService, events: WorkspaceEventBus) {
  const publish = documentEvents(events)
  const read = requireMember(deps, 'history.read')
  const manage = requireMember(deps, 'signoff.manage')
  const vote = requireMember(deps, 'signoff.vote')
  const roundId = pathIds({ roundId: 'Proposal' })
  const sendExport = async (c: Context<AppEnv>, format: ExportFormat) => {
    const docName = c.req.param('docName')!
    // Laid out on a document thread (LOOP3): a PDF of a long agreement takes seconds to render.
    const bytes = await signoff.exportAdopted(c.get('membership'), docName, format)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': EXPORT_FORMATS[format].contentType,
      'content-disposition': fileName(docName, format),
    })
  }
  const sendDraft = async (c: Context<AppEnv>, format: ExportFormat) => {
    const docName = c.req.param('docName')!
    // Laid out on a document thread, as the adopted export (LOOP3).
    const bytes = await signoff.exportDraft(c.get('membership'), docName, format)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': EXPORT_FORMATS[format].contentType,
      'content-disposition': fileName(docName, format, 'draft'),
    })
  }
  const draft = '; marked « Projet — version non adoptée » on every page, no signature page (SIGN15); 409 adopted_not_draft once adopted'
  return (
    new Hono<AppEnv>()
      .get(
        '/:docName/signoff',
        describe(
          'Sign-off rounds of a text, with one vote line per partner, as their sealed audit entries record them; `audit.problems` lists what the stored rows say otherwise (AUDIT5)',
          { 200: z.array(signoffRoundViewSchema) },
        ),
        read,
        docNameParam,
        async (c) => c.json(await signoff.rounds(c.get('membership').workspaceId, c.req.valid('param').docName)),
      )
      // A proposal names a version of the current state: a replay of the log (LIM5).
      .post(
        '/:docName/signoff/proposals',
        describe('Propose a version for adoption or amendment (steering and admin): hash frozen, status proposed', { 201: proposedRoundSchema }),
        manage,
        limitRate(deps.memberLimits, 'costly'),
        docNameParam,
        jsonBody(proposeSchema),
        async (c) => {
          const { docName } = c.req.valid('param')
          const proposed = await signoff.propose(c.get('membership'), docName, c.req.valid('json'))
          // A proposal names a version too.
          publish(c, 'history.changed', docName)
          publish(c, 'signoff.changed', docName)
          return c.json(proposed, 201)
        },
      )
      .get('/:docName/signoff/rounds/:roundId', describe('One sign-off round', { 200: signoffRoundViewSchema }), read, docNameParam, roundId, async (c) => {
        const { docName, roundId } = c.req.valid('param')
        return c.json(await signoff.round(c.get('membership').workspaceId, docName, roundId))
      })
      .get(
        '/:docName/signoff/rounds/:roundId/articles',
        describe(
          'The proposed text article by article: each clause’s word diff against the adopted text, whether this round asks for its approval, and who approved it (kept from the adopted round when unchanged) (SIGN14)',
          { 200: signoffArticlesSchema },
        ),
        read,
        docNameParam,
        roundId,
        async (c) => {
          const { docName, roundId } = c.req.valid('param')
          return c.json(await signoff.articles(c.get('membership'), docName, roundId))
        },
      )
      .post(
        '/:docName/signoff/rounds/:roundId/votes',
        describe(
          'A partner’s representative approves (the whole round, or one article named by `clause`: SIGN14), abstains or objects (an objection opens a comment thread on the clause)',
          {
            200: signoffRoundViewSchema,
          },
        ),
        vote,
        docNameParam,
        roundId,
        jsonBody(voteSchema),
        async (c) => {
          const { docName, roundId } = c.req.valid('param')
          const answered = await signoff.vote(c.get('membership'), docName, roundId, c.req.valid('json'))
          publish(c, 'signoff.changed', docName)
          return c.json(answered)
        },
      )
      .post(
        '/:docName/signoff/rounds/:roundId/withdraw',
        describe('Withdraw an open proposal (steering and admin)', { 200: signoffRoundViewSchema }),
        manage,
        docNameParam,
        roundId,
        async (c) => {
          const { docName, roundId } = c.req.valid('param')
          const withdrawn = await signoff.withdraw(c.get('membership'), docName, roundId)
          publish(c, 'signoff.changed', docName)
          return c.json(withdrawn)
        },
      )
      .post(
        '/:docName/signoff/unlock',
        describe('Unlock an adopted text for an amendment (steering and admin)', { 200: unlockedSchema }),
        manage,
        docNameParam,
        async (c) => {
          const { docName } = c.req.valid('param')
          await signoff.unlock(c.get('membership'), docName)
          publish(c, 'signoff.changed', docName)
          return c.json({ status: 'draft' as const })
        },
      )
      .get(
        '/:docName/signoff/audit',
        describe('The hash-chained sign-off audit trail of the document', { 200: z.array(signoffAuditEntrySchema) }),
        read,
        docNameParam,
        async (c) => c.json(await signoff.audit(c.get('membership').workspaceId, c.req.valid('param').docName)),
      )
      .get(
        '/:docName/export.pdf',
        describe(`The adopted version as PDF with its signature page, content hash and audit chain head${mismatch}`, {
          200: fileAnswer(EXPORT_FORMATS.pdf.contentType, 'PDF'),
        }),
        read,
        docNameParam,
        (c) => sendExport(c, 'pdf'),
      )
      .get(
        '/:docName/export.odt',
        describe(`The adopted version as OpenDocument text with its signature page, content hash and audit chain head${mismatch}`, {
          200: fileAnswer(EXPORT_FORMATS.odt.contentType, 'OpenDocument text'),
        }),
        read,
        docNameParam,
        (c) => sendExport(c, 'odt'),
      )
      .get(
        '/:docName/export.docx',
        describe(`The adopted version as Word (DOCX) with the same signature page${mismatch}`, {
          200: fileAnswer(EXPORT_FORMATS.docx.contentType, 'Word document'),
        }),
        read,
        docNameParam,
        (c) => sendExport(c, 'docx'),
      )
      .get(
        '/:docName/export-draft.pdf',
        describe(`The current text as a PDF draft${draft}`, { 200: fileAnswer(EXPORT_FORMATS.pdf.contentType, 'PDF') }),
        read,
        docNameParam,
        (c) => sendDraft(c, 'pdf'),
      )
      .get(
        '/:docName/export-draft.odt',
        describe(`The current text as an OpenDocument draft${draft}`, { 200: fileAnswer(EXPORT_FORMATS.odt.contentType, 'OpenDocument text') }),
        read,
        docNameParam,
        (c) => sendDraft(c, 'odt'),
      )
      .get(
        '/:docName/export-draft.docx',
        describe(`The current text as a Word (DOCX) draft${draft}`, { 200: fileAnswer(EXPORT_FORMATS.docx.contentType, 'Word document') }),
        read,
        docNameParam,
        (c) => sendDraft(c, 'docx'),
      )
  )
}
