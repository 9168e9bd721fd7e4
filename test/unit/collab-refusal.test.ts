import { actionsOf, buildAction, contentOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { describeRefusal } from '../../client/src/features/collab/refusal.ts'
import { translatorFor } from '../../client/src/i18n/translator.ts'

// The interface's own translator outside React (the one FR1's test uses), awaited where the test awaited its own.
const t = async (lng: 'fr' | 'en') => translatorFor(lng)

describe('what the status says was refused (KEEP5)', () => {
  it('[KEEP5] names the column and the action of a refused plan edit, in the member’s language; otherwise the server’s own message', async () => {
    const plan = new Y.Doc()
    actionsOf(plan).set('a1', buildAction({ title: 'Former les bénévoles', order: 'a0' }))
    const error = { code: 'edit_invalid' as const, rule: 'VAL3', entity: 'actions/a1', field: 'deadline', message: 'L’échéance doit suivre le début.' }

    expect(describeRefusal(error, plan, await t('fr'))).toBe(
      'Votre modification de « Échéance » pour l’action « Former les bénévoles » a été annulée : L’échéance doit suivre le début.',
    )
    expect(describeRefusal({ ...error, message: 'The deadline must follow the start.' }, plan, await t('en'))).toBe(
      'Your change to “Deadline” of the action “Former les bénévoles” was undone: The deadline must follow the start.',
    )
    // A milestone of the action (no column of the table): the action is named all the same.
    expect(describeRefusal({ ...error, entity: 'actions/a1/milestones/m1', field: 'date' }, plan, await t('fr'))).toBe(
      'Votre modification de l’action « Former les bénévoles » a été annulée : L’échéance doit suivre le début.',
    )
    expect(describeRefusal({ ...error, field: undefined }, plan, await t('fr'))).toBe(
      'Votre modification de l’action « Former les bénévoles » a été annulée : L’échéance doit suivre le début.',
    )
    // An action the document no longer has, or a text document: the server's message says it.
    expect(describeRefusal({ ...error, entity: 'actions/gone' }, plan, await t('fr'))).toBe(error.message)
    const text = new Y.Doc()
    contentOf(text)
    expect(
      describeRefusal(
        {
          code: 'edit_forbidden',
          rule: 'PERM2',
          entity: 'content',
          message: 'Votre rôle ne vous permet pas de modifier ce document : votre modification a été annulée.',
        },
        text,
        await t('fr'),
      ),
    ).toBe('Votre rôle ne vous permet pas de modifier ce document : votre modification a été annulée.')
  })
})
