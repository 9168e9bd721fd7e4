import { systemClock } from '../../domain/clock.ts'
import type { InvitationKeys, IssuedLink } from '../../domain/invitations.ts'
import { composeInvitationMail } from '../../mail/invitationMail.ts'
import type { AppDeps } from '../context.ts'

/** The secret, lifetime and clock invitation links are made and checked with. */
export const invitationKeys = (deps: AppDeps): InvitationKeys => ({ secret: deps.authSecret, ttlMs: deps.invitationTtlMs, clock: deps.clock ?? systemClock })

/** The page an invitation link opens (client route `/invitation/:token`). */
export const invitationLink = (deps: AppDeps, token: string): string => `${deps.publicUrl}/invitation/${token}`

/** Mails a link to the invited address, French then English (ACCT1). */
export async function mailInvitation(deps: AppDeps, issued: IssuedLink, inviterName: string): Promise<void> {
  const workspace = await deps.db.selectFrom('workspace').select('name').where('id', '=', issued.workspaceId).executeTakeFirstOrThrow()
  const partner = issued.partnerId ? await deps.db.selectFrom('partner').select('name').where('id', '=', issued.partnerId).executeTakeFirst() : undefined
  await deps.mailer.send(
    composeInvitationMail({
      to: issued.email,
      workspaceName: workspace.name,
      inviterName,
      role: issued.role,
      partnerName: partner?.name ?? null,
      link: invitationLink(deps, issued.token),
      expiresAt: issued.expiresAt,
    }),
  )
}
