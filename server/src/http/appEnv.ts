import type { Locale } from '@ensemble/shared'
import type { Membership } from '../domain/members.ts'

/** The signed-in user of a request, as the session middleware reads it. */
export interface SessionUser {
  id: string
  name: string
  email: string
  /** The interface language (PATCH /api/me takes only these). */
  locale: Locale
}

export type AppEnv = {
  Variables: {
    user: SessionUser | null
    /** The id of the caller's session (null when signed out); tickets remember it. */
    sessionId: string | null
    membership: Membership
    clientIp: string
  }
}
