import { type ExportFile, exportFileName } from '@ensemble/shared'
import { ApiError, apiErrorFrom } from '../../api/ApiError.ts'
import { params, rest } from '../../api/client.ts'

/** The address of an export (routes: server/src/http/routes/reports.ts). */
export const exportPath = (workspaceId: string, file: ExportFile): string =>
  rest.workspaces[':workspaceId'].exports[':file'].$url({ param: params({ workspaceId, file: exportFileName(file) }) }).pathname

/**
 * Fetches the file, then hands it to the browser as a download: fetched rather than linked, so the
 * page can show that it is being prepared (a large plan takes seconds) and say in French why it
 * failed (429 past the member's budget, a session that ended), where a link would leave a JSON page.
 */
export async function downloadExport(workspaceId: string, file: ExportFile): Promise<void> {
  let response: Response
  try {
    response = await fetch(exportPath(workspaceId, file), { credentials: 'include' })
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error))
  }
  if (!response.ok) throw await apiErrorFrom(response)
  const url = URL.createObjectURL(await response.blob())
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = exportFileName(file)
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // After the click has handed the blob over; revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
}
