import { type Member, type Role, ROLES, type UpdateMemberInput } from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { DataTable } from '../../components/DataTable.tsx'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useMe } from '../auth/SessionContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** Members with their role, partner and representative flag; editable in place by the coordinator. */
export function MemberTable() {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace, abilities, reload } = useWorkspace()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const [busy, setBusy] = useState<string | null>(null)
  const editable = abilities.manageMembers
  const partnerName = (id: string | null) => workspace.partners.find((p) => p.id === id)?.name

  const run = async (userId: string, work: () => Promise<unknown>) => {
    setBusy(userId)
    try {
      await work()
      notify(t('members.updated'), 'success')
    } catch (error) {
      notify(handleError(error), 'error')
    } finally {
      await reload()
      setBusy(null)
    }
  }

  const patchMember = (userId: string, input: UpdateMemberInput) =>
    call(rest.workspaces[':workspaceId'].members[':userId'].$patch({ param: params({ workspaceId: workspace.id, userId }), json: input }))
  const update = (member: Member, input: UpdateMemberInput) => run(member.userId, () => patchMember(member.userId, input))

  // One representative per partner: the previous one steps down before the new one is named.
  const makeRepresentative = (member: Member, value: boolean) =>
    run(member.userId, async () => {
      if (value) {
        for (const other of workspace.members) {
          if (other.userId !== member.userId && other.partnerId === member.partnerId && other.representative) {
            await patchMember(other.userId, { representative: false })
          }
        }
      }
      await patchMember(member.userId, { representative: value })
    })

  const remove = (member: Member) => {
    if (!window.confirm(t('members.confirmRemove', { name: member.name }))) return
    void run(member.userId, async () => {
      await call(rest.workspaces[':workspaceId'].members[':userId'].$delete({ param: params({ workspaceId: workspace.id, userId: member.userId }) }))
      notify(t('members.removed', { name: member.name }), 'success')
    })
  }

  if (workspace.members.length === 0) return <p className="empty">{t('members.noMembers')}</p>
  return (
    <DataTable
      caption={t('members.members')}
      testId="member-table"
      scrolls
      rows={workspace.members}
      rowKey={(member) => member.userId}
      rowProps={(member) => ({ 'data-member': member.email })}
      columns={[
        {
          key: 'name',
          header: t('members.memberName'),
          rowHeader: true,
          cell: (member) => (
            <>
              <span className="swatch" style={{ backgroundColor: member.color }} aria-hidden="true" /> {member.name}{' '}
              {member.userId === me.id && <span className="muted">{t('members.you')}</span>}
            </>
          ),
        },
        { key: 'email', header: t('members.email'), cell: (member) => member.email },
        {
          key: 'role',
          header: t('members.role'),
          cell: (member) =>
            editable ? (
              <select
                aria-label={t('members.roleOf', { name: member.name })}
                value={member.role}
                disabled={busy === member.userId}
                onChange={(e) => void update(member, { role: e.target.value as Role })}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
            ) : (
              t(`roles.${member.role}`)
            ),
        },
        {
          key: 'partner',
          header: t('members.partner'),
          cell: (member) =>
            editable ? (
              <select
                aria-label={t('members.partnerOf', { name: member.name })}
                value={member.partnerId ?? ''}
                disabled={busy === member.userId}
                onChange={(e) => void update(member, { partnerId: e.target.value || null, ...(e.target.value ? {} : { representative: false }) })}
              >
                <option value="">{t('members.noPartner')}</option>
                {workspace.partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            ) : (
              (partnerName(member.partnerId) ?? <span className="muted">{t('common.none')}</span>)
            ),
        },
        {
          key: 'representative',
          header: t('members.representative'),
          cell: (member) => (
            <input
              type="checkbox"
              aria-label={t('members.representativeOf', { name: member.name })}
              checked={member.representative}
              disabled={!editable || busy === member.userId || !member.partnerId}
              onChange={(e) => void makeRepresentative(member, e.target.checked)}
            />
          ),
        },
        editable && {
          key: 'remove',
          header: t('members.remove'),
          headerHidden: true,
          cell: (member) => (
            <button
              type="button"
              className="button button--danger button--small"
              aria-label={t('members.removeMember', { name: member.name })}
              disabled={busy === member.userId}
              onClick={() => remove(member)}
            >
              {t('members.remove')}
            </button>
          ),
        },
      ]}
    />
  )
}
