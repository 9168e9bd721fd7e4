import { actorsOf, can, type ActorConverted, type ConvertActorInput, type PartnerType, type Role } from '@ensemble/shared'
import * as Y from 'yjs'
import { conflict, forbidden, notFound } from '../../errors.ts'
import { createInvitation, deleteInvitation, type InvitationKeys, type IssuedLink } from '../invitations.ts'
import type { DocAccess } from '../meetings/docAccess.ts'
import { createPartner, deletePartner } from '../partners.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export interface ConvertDeps {
  db: Kysely<Database>
  docs: DocAccess
  keys: InvitationKeys
  /** Mails the invitation link (the ordinary invitation mail). */
  mail(issued: IssuedLink): Promise<void>
}

export interface Converter {
  workspaceId: string
  userId: string
  role: Role
}

const alreadyConverted = () => conflict('This actor has already been converted into a partner.', undefined, 'actor_converted')

/**
 * Converts an actor of the map into a partner (MAP7). Three stores take part (SQL partner, SQL
 * invitation and its mail, the `actors` document), so it runs as steps each undone if a later one
 * fails: the partner is created, the representative invited and mailed, then the actor is marked
 * converted inside one server change of the document, which checks again that nobody converted it
 * meanwhile. Any failure deletes the invitation and the partner it made: no half state is left.
 */
export async function convertActor(deps: ConvertDeps, who: Converter, actorId: string, input: ConvertActorInput): Promise<ActorConverted> {
  const { db, docs } = deps
  if (input.invite && !can(who, 'members.manage')) throw forbidden('Only admins invite members.')
  const actor = await docs.read(who.workspaceId, 'actors', (doc) => {
    const map = actorsOf(doc).get(actorId)
    return map instanceof Y.Map ? { name: map.get('name'), type: map.get('type'), status: map.get('status') } : null
  })
  if (!actor || typeof actor.name !== 'string' || typeof actor.type !== 'string') throw notFound('Actor')
  if (actor.status === 'converted') throw alreadyConverted()

  const partnerId = await createPartner(db, who.workspaceId, { name: actor.name.trim(), type: actor.type as PartnerType })
  let invitationId: string | null = null
  try {
    if (input.invite) {
      const issued = await createInvitation(db, who.workspaceId, who.userId, { ...input.invite, partnerId, representative: true }, deps.keys)
      invitationId = issued.invitationId
      await deps.mail(issued)
    }
    let raced = false
    await docs.change(who.workspaceId, 'actors', (doc) => {
      const map = actorsOf(doc).get(actorId)
      if (!(map instanceof Y.Map) || map.get('status') === 'converted') {
        raced = true
        return
      }
      doc.transact(() => {
        map.set('status', 'converted')
        map.set('partnerId', partnerId)
      })
    })
    if (raced) throw alreadyConverted()
  } catch (err) {
    if (invitationId) await deleteInvitation(db, who.workspaceId, invitationId).catch(() => undefined)
    await deletePartner(db, who.workspaceId, partnerId)
    throw err
  }
  return { partnerId, invitationId }
}
