import { buildDiagnosticItem, diagItemsOf, ROOT } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/**
 * « Diagnostic et projet » in Chromium, two members of two partners in two browser contexts (issue
 * 20, item 2): partner A's editor adds a force to its matrix; partner B's steering member sees it
 * live among the other partners' matrices and adds it to the shared matrix, which A's page shows
 * live with its provenance; A gets no control on B's matrix (a forged edit is refused server-side:
 * test/integration/diagnostic-rules.test.ts); each quadrant is a labelled list; axe finds nothing.
 */
describe.skipIf(!browserTestsEnabled())('[DIAG5] the internal diagnostic in the browser', () => {
  const suite = browserSuite()

  it('[DIAG5] [DIAG2] [DIAG4] [PROJ2] a partner adds a force, steering of another partner sees it live and takes it into the shared matrix; no control on another partner’s matrix; steering formalises the project, read live; axe clean', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['editor'])
    const [editor] = members as [(typeof members)[0]]
    const { id: otherId } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Commune de Port-Marin', type: 'collectivite_territoriale' },
      201,
    )
    const steering = await signUp(base, 'Marc Pilotage')
    await addMember(admin.client, workspaceId, steering, { role: 'steering', partnerId: otherId })
    // Partner B's matrix holds one threat, written by its own steering member.
    const seeder = await connectDoc(steering.client, workspaceId, 'diagnostic')
    await seeder.synced()
    diagItemsOf(seeder.doc).set('b1', buildDiagnosticItem({ partnerId: otherId, quadrant: 'menaces', text: 'Recul du trait de côte', detail: '', order: 'a0' }))
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'matrix stored' })
    // The vision opens with a heading, then the paragraph steering will quote.
    const vision = await connectDoc(admin.client, workspaceId, 'vision')
    await vision.synced()
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', 1 as unknown as string)
    heading.insert(0, [new Y.XmlText('Notre vision')])
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('D’ici 2030, chaque enfant du littoral a découvert la mer.')])
    vision.doc.getXmlFragment(ROOT.content).insert(0, [heading, paragraph])
    await waitFor(() => vision.provider.synced && vision.errors.length === 0, { message: 'vision stored' })

    const partnerA = await suite.newPage()
    await signInThroughUi(partnerA, base, editor.email)
    await partnerA.goto(`${base}/alliances/${workspaceId}`)
    await partnerA.getByRole('navigation').getByRole('link', { name: 'Diagnostic et projet' }).click()
    await partnerA.getByRole('heading', { level: 1, name: 'Diagnostic et projet' }).waitFor(WAIT)
    await partnerA.getByRole('heading', { level: 2, name: 'La matrice de mon partenaire : Association Littoral' }).waitFor(WAIT)

    const pilot = await suite.newPage()
    await signInThroughUi(pilot, base, steering.email)
    await pilot.goto(`${base}/alliances/${workspaceId}/diagnostic`)
    await pilot.getByRole('heading', { level: 1, name: 'Diagnostic et projet' }).waitFor(WAIT)

    // [DIAG2] Partner A adds a force to its own matrix.
    await partnerA.getByLabel('Nouveau point (Forces)').fill('Vingt ans d’animations sur l’estran')
    await partnerA.getByTestId('my-matrix').getByRole('button', { name: 'Ajouter' }).first().click()
    await partnerA.getByRole('list', { name: 'Forces — Association Littoral' }).getByRole('textbox', { name: 'Point' }).waitFor(WAIT)

    // Steering of partner B sees it live, in a labelled list of A's matrix, and takes it into the shared matrix.
    const force = pilot.getByRole('list', { name: 'Forces — Association Littoral' }).getByText('Vingt ans d’animations sur l’estran')
    await force.waitFor(WAIT)
    await pilot.getByRole('button', { name: 'Ajouter « Vingt ans d’animations sur l’estran » à la matrice commune' }).click()
    const sharedForces = partnerA.getByRole('list', { name: 'Forces — matrice commune' })
    await sharedForces.getByText('Vingt ans d’animations sur l’estran').waitFor(WAIT)
    await sharedForces.getByText('Repris de Association Littoral').waitFor(WAIT)
    await pilot.getByRole('list', { name: 'Forces — Association Littoral' }).getByText('Repris dans la matrice commune').waitFor(WAIT)

    // A reads B's matrix without any control; neither A nor its role gets controls on the shared matrix or the project.
    const otherMatrix = partnerA.getByTestId(`matrix-${otherId}`)
    await otherMatrix.getByRole('list', { name: 'Menaces — Commune de Port-Marin' }).getByText('Recul du trait de côte').waitFor(WAIT)
    await expect(otherMatrix.getByRole('button').count()).resolves.toBe(0)
    await expect(otherMatrix.getByRole('textbox').count()).resolves.toBe(0)
    await expect(partnerA.getByTestId('shared-matrix').getByRole('textbox').count()).resolves.toBe(0)
    await expect(partnerA.getByLabel('Le besoin social').isDisabled()).resolves.toBe(true)
    await expect(partnerA.getByRole('alert').count()).resolves.toBe(0)

    // [PROJ2] Steering formalises the project: the need and a sourced figure; partner A reads both live.
    const need = pilot.getByLabel('Le besoin social')
    await need.fill('Des enfants du littoral qui n’ont jamais vu la mer de près')
    await need.blur()
    const figure = pilot.locator('form.diagnostic__figure-form')
    await figure.getByLabel('Ce que compte le chiffre', { exact: true }).fill('Élèves de 6e ne sachant pas nager')
    await figure.getByLabel('Valeur', { exact: true }).fill('38')
    await figure.getByLabel('Unité', { exact: true }).fill('%')
    await figure.getByLabel('Source', { exact: true }).fill('Académie de Lille')
    await figure.getByLabel('Année', { exact: true }).fill('2023')
    await pilot.getByRole('button', { name: 'Ajouter le chiffre' }).click()
    await partnerA
      .getByTestId('project-figures')
      .getByRole('row', { name: /Élèves de 6e ne sachant pas nager.*38 %.*Académie de Lille.*2023/ })
      .waitFor(WAIT)
    await waitFor(async () => (await partnerA.getByLabel('Le besoin social').inputValue()) === 'Des enfants du littoral qui n’ont jamais vu la mer de près', {
      message: 'the need arrives',
      ...WAIT,
    })
    await expect(partnerA.getByRole('link', { name: 'Lire la vision partagée' }).getAttribute('href')).resolves.toBe(`/alliances/${workspaceId}/vision`)
    // Steering quotes the vision's first paragraph; partner A reads the quote live.
    await pilot.getByRole('button', { name: 'Citer le premier paragraphe de la vision' }).click()
    await partnerA.locator('blockquote').getByText('D’ici 2030, chaque enfant du littoral a découvert la mer.').waitFor(WAIT)

    expect(await axeViolations(partnerA)).toEqual([])
    expect(await axeViolations(pilot)).toEqual([])
    seeder.destroy()
    vision.destroy()
  })
})
