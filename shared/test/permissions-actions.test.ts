import { describe, expect, it } from 'vitest'
import {
  ACTION_FIELDS,
  canCreateAction,
  canDeleteAction,
  canEditActionField,
  canEditBodies,
  canEditDocument,
  canEditPlanMeta,
  canReorderActions,
  canSetActionStatus,
  canSetDocumentStatus,
  type ActionField,
  type ActionStatus,
  type Role,
} from '../src/index.ts'

/** The field-level questions the plan, the governance page and the editors ask (same answers as the server). */
const action = (status: ActionStatus) => ({ status, accountable: 'u-a', responsible: ['u-r'] })
const as = (role: Role, userId = 'u-x') => ({ role, userId })

const STEERING_FIELDS: ActionField[] = ['title', 'objective', 'start', 'deadline', 'accountable', 'responsible', 'consulted', 'informed', 'resources', 'order']
const OWNER_FIELDS: ActionField[] = ['status', 'progress', 'blockedReason', 'milestones', 'description']

describe('action permissions', () => {
  it('[PERM3] only admin and steering create planned actions, delete and reorder', () => {
    for (const role of ['admin', 'steering'] as const) {
      expect(canCreateAction({ role }, action('planned'))).toBe(true)
      expect(canDeleteAction({ role })).toBe(true)
      expect(canReorderActions({ role })).toBe(true)
    }
    for (const role of ['editor', 'commenter', 'observer'] as const) {
      expect(canCreateAction({ role }, action('planned'))).toBe(false)
      expect(canCreateAction({ role }, { status: 'proposed', accountable: 'u-a', responsible: [] })).toBe(false)
      expect(canDeleteAction({ role })).toBe(false)
      expect(canReorderActions({ role })).toBe(false)
    }
  })

  it('[PERM4] editors propose bare actions and co-edit proposals (not their people, status or position)', () => {
    const bare = { status: 'proposed' as const, accountable: null, responsible: [] }
    expect(canCreateAction({ role: 'editor' }, bare)).toBe(true)
    expect(canCreateAction({ role: 'commenter' }, bare)).toBe(false)
    const editable = ACTION_FIELDS.filter((f) => canEditActionField(as('editor'), action('proposed'), f))
    expect(editable.sort()).toEqual([
      'consulted',
      'deadline',
      'description',
      'informed',
      'milestones',
      'objective',
      'objectiveId',
      'resources',
      'start',
      'title',
    ])
  })

  it.each(['planned', 'in_progress', 'blocked', 'done'] as const)(
    '[PERM5] [PERM6] on a %s action an editor who is A or R updates progress, never the plan fields',
    (status) => {
      for (const userId of ['u-a', 'u-r']) {
        for (const field of OWNER_FIELDS) expect(canEditActionField(as('editor', userId), action(status), field), field).toBe(true)
        for (const field of STEERING_FIELDS) expect(canEditActionField(as('editor', userId), action(status), field), field).toBe(false)
      }
      for (const field of ACTION_FIELDS) expect(canEditActionField(as('editor', 'u-other'), action(status), field), field).toBe(false)
      for (const field of ACTION_FIELDS) expect(canEditActionField(as('steering'), action(status), field), field).toBe(true)
    },
  )

  it('[PERM7] only admin and steering move an action into or out of proposed or cancelled', () => {
    const owner = as('editor', 'u-r')
    expect(canSetActionStatus(owner, action('planned'), 'in_progress')).toBe(true)
    expect(canSetActionStatus(owner, action('in_progress'), 'blocked')).toBe(true)
    expect(canSetActionStatus(owner, action('blocked'), 'done')).toBe(true)
    expect(canSetActionStatus(owner, action('planned'), 'cancelled')).toBe(false)
    expect(canSetActionStatus(owner, action('planned'), 'proposed')).toBe(false)
    expect(canSetActionStatus(owner, action('proposed'), 'planned')).toBe(false)
    expect(canSetActionStatus(owner, action('cancelled'), 'planned')).toBe(false)
    expect(canEditActionField(owner, action('cancelled'), 'status')).toBe(false)
    for (const role of ['admin', 'steering'] as const) {
      expect(canSetActionStatus(as(role), action('proposed'), 'planned')).toBe(true)
      expect(canSetActionStatus(as(role), action('planned'), 'cancelled')).toBe(true)
    }
    expect(canSetActionStatus(null, action('planned'), 'done')).toBe(false)
  })

  it('[PERM8] governance bodies and the plan’s period are for admin and steering', () => {
    expect((['admin', 'steering', 'editor', 'commenter', 'observer'] as const).map((role) => [canEditBodies({ role }), canEditPlanMeta({ role })])).toEqual([
      [true, true],
      [true, true],
      [false, false],
      [false, false],
      [false, false],
    ])
  })

  it('[PERM9] [PERM10] editors write drafts; admin and steering also documents under review; nobody an adopted one', () => {
    const grid = (['admin', 'steering', 'editor', 'commenter', 'observer'] as const).map((role) => [
      canEditDocument({ role }, undefined),
      canEditDocument({ role }, 'draft'),
      canEditDocument({ role }, 'proposed'),
      canEditDocument({ role }, 'adopted'),
      canSetDocumentStatus({ role }),
    ])
    expect(grid).toEqual([
      [true, true, true, false, true],
      [true, true, true, false, true],
      [true, true, false, false, false],
      [false, false, false, false, false],
      [false, false, false, false, false],
    ])
  })
})
