import { readFile } from 'node:fs/promises'
import { actionsOf, buildAction, planMetaOf } from '@ensemble/shared'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }
const HOSTILE = '=HYPERLINK("http://evil.example","Cliquez")'

/**
 * The « Rapports » page in Chromium (EXP7): an observer reaches it from the alliance's navigation,
 * downloads the plan as XLSX, and the downloaded file opens (read back with exceljs) with the plan's
 * actions, the hostile title inert; the page announces the file and axe finds nothing.
 */
describe.skipIf(!browserTestsEnabled())('[EXP7] the reports page in the browser', () => {
  const suite = browserSuite()

  it('[EXP7] an observer downloads the plan as XLSX from the page; the file opens with the plan’s actions; axe clean', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['observer'])
    const seeder = await connectDoc(admin.client, workspaceId, 'plan')
    await seeder.synced()
    seeder.doc.transact(() => {
      planMetaOf(seeder.doc).set('title', 'Plan du littoral')
      actionsOf(seeder.doc).set('a1', buildAction({ title: 'Sorties scolaires', order: 'a0' }))
      actionsOf(seeder.doc).set('a2', buildAction({ title: HOSTILE, order: 'a1' }))
    })
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'plan stored' })

    const page = await suite.newPage()
    await signInThroughUi(page, base, members[0]!.email)
    await page.goto(`${base}/alliances/${workspaceId}`)
    await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).click()
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor(WAIT)
    expect(await axeViolations(page)).toEqual([])

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Plan d’action au format XLSX' }).click()])
    expect(download.suggestedFilename()).toBe('plan.xlsx')
    await page.getByRole('status').getByText('plan.xlsx est téléchargé.').waitFor(WAIT)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer)
    const actions = book.getWorksheet('Actions')!
    const titles: unknown[] = []
    actions.eachRow((row, n) => n > 1 && titles.push(row.getCell(1).value))
    expect(titles).toEqual(['Sorties scolaires', `'${HOSTILE}`])
    // Nothing on the page changed for the worse once a download was announced.
    expect(await axeViolations(page)).toEqual([])
    seeder.destroy()
  })
})
