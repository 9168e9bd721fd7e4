import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { AddMemberForm } from './AddMemberForm.tsx'
import { AddPartnerForm } from './AddPartnerForm.tsx'
import { InvitationList } from './InvitationList.tsx'
import { MemberTable } from './MemberTable.tsx'
import { PartnerTable } from './PartnerTable.tsx'

/** Partenaires & membres: security data, changed only through REST by the coordinator. */
export function MembersPage() {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  return (
    <div className="page page--members">
      <h1 tabIndex={-1}>{t('members.title')}</h1>
      {!abilities.manageMembers && <p className="notice">{t('members.readOnly')}</p>}
      <section aria-labelledby="partners-title" className="card">
        <h2 id="partners-title">{t('members.partners')}</h2>
        <PartnerTable />
        {abilities.managePartners && <AddPartnerForm />}
      </section>
      <section aria-labelledby="members-title" className="card">
        <h2 id="members-title">{t('members.members')}</h2>
        <MemberTable />
        {abilities.manageMembers && <AddMemberForm />}
      </section>
      <section aria-labelledby="invitations-title" className="card">
        <h2 id="invitations-title">{t('members.invitations')}</h2>
        <InvitationList />
      </section>
    </div>
  )
}
