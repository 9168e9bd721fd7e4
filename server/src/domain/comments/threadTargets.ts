import { bodiesOf, type CommentTarget } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { validationFailed } from '../../errors.ts'
import type { DocAccess } from '../meetings/docAccess.ts'
import { hasAction, isWorkspaceDocument } from '../meetings/rows.ts'

/**
 * What a new thread is about must exist in the thread's own alliance (docs/SPEC.md REF1): an action
 * of its plan, a body of its governance document, one of its decisions, the minutes of one of its
 * meetings. Another alliance's id answers exactly like an id nobody has: 422 naming the field, and
 * nothing is created.
 */
export class ThreadTargets {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly docs: DocAccess,
  ) {}

  async check(workspaceId: string, target: CommentTarget): Promise<void> {
    if (await this.exists(workspaceId, target)) return
    if (target.targetKind === 'document') throw validationFailed('docName: no such document in this alliance.', 'docName')
    const what = target.targetKind === 'action_field' ? 'action' : target.targetKind
    throw validationFailed(`targetId: no such ${what} in this alliance.`, 'targetId')
  }

  private async exists(workspaceId: string, { targetKind, docName, targetId }: CommentTarget): Promise<boolean> {
    switch (targetKind) {
      case 'document':
        return isWorkspaceDocument(this.db, workspaceId, docName)
      case 'action':
      case 'action_field':
        return hasAction(this.docs, workspaceId, targetId!)
      case 'body':
        return this.docs.read(workspaceId, 'governance', (doc) => bodiesOf(doc).has(targetId!))
      case 'decision': {
        const row = await this.db.selectFrom('decision').select('id').where('workspace_id', '=', workspaceId).where('id', '=', targetId!).executeTakeFirst()
        return row !== undefined
      }
    }
  }
}
