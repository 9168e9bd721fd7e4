import { exportFileName, exportFileParamSchema, parseExportFile } from '@ensemble/shared'
import { Hono } from 'hono'
import { EXPORT_CONTENT_TYPES } from '../../domain/reports/render.ts'
import type { ReportService } from '../../domain/reports/service.ts'
import { AppError } from '../../errors.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { pathParam } from '../validate.ts'

/** The `:file` path parameter: a known export's name, or 404 naming the field. */
const fileParam = pathParam('file', exportFileParamSchema.shape.file, (name) => {
  if (!parseExportFile(name))
    throw new AppError(404, 'not_found', 'Export not found: plan|objectives|indicators|balance .csv|.xlsx, or bilan-annuel-YYYY.docx|.pdf.', 'file')
  return name
})

const FILE_ANSWER = {
  description:
    'The file, as an attachment: CSV (UTF-8 with BOM, `;`, decimal comma, RFC 4180; formula-like cells neutralised), XLSX, or the annual review as DOCX or PDF',
  content: Object.fromEntries(Object.values(EXPORT_CONTENT_TYPES).map((type) => [type, { schema: { type: 'string' as const } }])),
}

/**
 * Mounted at /api/workspaces/:workspaceId/exports: the reports of the « Rapports » page (EXP), for
 * every member (what they already see), made on a document thread, at most `exports` per member.
 */
export function reportRoutes(deps: AppDeps, reports: ReportService) {
  return new Hono<AppEnv>().get(
    '/:file',
    describe(
      'A report for funders (members): plan.csv|.xlsx (actions with RACI names, milestones, resources), objectives.csv|.xlsx (strategic and operational, SMART letters missing, standing), indicators.csv|.xlsx (every value entry, corrections included, who and when), balance.csv|.xlsx (per partner and period: committed, due, declared and validated €, ratio, imbalance flag; participation), bilan-annuel-YYYY.docx|.pdf (the annual review: objectives, indicators, actions, decisions of the year); 429 with Retry-After past the member’s budget (EXP6)',
      { 200: FILE_ANSWER },
    ),
    requireMember(deps, 'workspace.read'),
    limitRate(deps.memberLimits, 'exports'),
    fileParam,
    async (c) => {
      const file = parseExportFile(c.req.valid('param').file)!
      const bytes = await reports.export(c.get('membership'), file)
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': EXPORT_CONTENT_TYPES[file.format],
        // The name is ours (parsed above), ASCII only: nothing of the request reaches the header.
        'content-disposition': `attachment; filename="${exportFileName(file)}"`,
        'cache-control': 'no-store',
      })
    },
  )
}
