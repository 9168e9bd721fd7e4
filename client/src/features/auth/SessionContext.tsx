import type { Locale, Me, SignInInput, SignUpInput } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ApiError } from '../../api/ApiError.ts'
import { call, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { applyLocale, currentLocale } from '../../i18n/index.ts'
import { forgetLocalCopies } from '../collab/localCopy.ts'
import { preloadKeys, takePreloaded } from '../../preload.ts'

export type SessionState = { status: 'loading' } | { status: 'signedOut'; expired: boolean } | { status: 'signedIn'; me: Me }

interface SessionApi {
  session: SessionState
  signIn(input: SignInInput): Promise<void>
  signUp(input: SignUpInput): Promise<void>
  signOut(): Promise<void>
  /** Called when any request answers 401: the session ended elsewhere (expired, signed out in another tab). */
  expire(): void
  setLocale(locale: Locale): Promise<void>
  /** Reads the signed-in user again (after a change of name on the account page). */
  refresh(): Promise<void>
}

const SessionContext = createContext<SessionApi | null>(null)

export function useSession(): SessionApi {
  const api = useContext(SessionContext)
  if (!api) throw new Error('useSession outside SessionProvider')
  return api
}

/** The signed-in user, for pages that only render inside the signed-in part of the app. */
export function useMe(): Me {
  const { session } = useSession()
  if (session.status !== 'signedIn') throw new Error('useMe while signed out')
  return session.me
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' })

  const loadMe = useCallback(async (): Promise<Me | null> => {
    try {
      // The first read uses the request started when the script loaded (preload.ts).
      return await (takePreloaded<Me>(preloadKeys.me) ?? call(rest.me.$get()))
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) return null
      throw error
    }
  }, [])

  // The first read of the session, through the cache; sign-in, sign-out and expiry then set the state.
  const first = useQuery({
    queryKey: queryKeys.me(),
    queryFn: async () => {
      const me = await loadMe()
      // A returning user gets the language saved on their account.
      if (me) await applyLocale(me.locale)
      return me
    },
    staleTime: Infinity,
  })
  useEffect(() => {
    if (first.status === 'pending') return
    const me = first.status === 'success' ? first.data : null
    setSession((current) => (current.status !== 'loading' ? current : me ? { status: 'signedIn', me } : { status: 'signedOut', expired: false }))
  }, [first.status, first.data])

  const signIn = useCallback(
    async (input: SignInInput) => {
      await call(rest.auth['sign-in'].email.$post({ json: input }))
      const me = await loadMe()
      if (!me) throw new ApiError(401, 'unauthenticated', 'session not established')
      await applyLocale(me.locale)
      setSession({ status: 'signedIn', me })
    },
    [loadMe],
  )

  const signUp = useCallback(
    async (input: SignUpInput) => {
      await call(rest.auth['sign-up'].email.$post({ json: input }))
      let me = await loadMe()
      if (!me) {
        // Should the server not sign in on sign-up, do it ourselves.
        await call(rest.auth['sign-in'].email.$post({ json: { email: input.email, password: input.password } }))
        me = await loadMe()
      }
      if (!me) throw new ApiError(401, 'unauthenticated', 'session not established')
      // The language picked on the sign-up page becomes the account's language.
      const locale = currentLocale()
      if (me.locale !== locale) {
        await call(rest.me.$patch({ json: { locale } })).catch(() => undefined)
        me = { ...me, locale }
      }
      setSession({ status: 'signedIn', me })
    },
    [loadMe],
  )

  const signOut = useCallback(async () => {
    const userId = session.status === 'signedIn' ? session.me.id : null
    await call(rest.auth['sign-out'].$post({ json: {} })).catch(() => undefined)
    setSession({ status: 'signedOut', expired: false })
    // Nothing of this person's documents stays on a shared computer (KEEP2).
    if (userId) void forgetLocalCopies(userId)
  }, [session])

  const expire = useCallback(() => setSession({ status: 'signedOut', expired: true }), [])

  const setLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale)
      if (session.status === 'signedIn') {
        setSession({ status: 'signedIn', me: { ...session.me, locale } })
        await call(rest.me.$patch({ json: { locale } })).catch((error: unknown) => {
          if (error instanceof ApiError && error.isUnauthenticated) expire()
        })
      }
    },
    [session, expire],
  )

  const refresh = useCallback(async () => {
    const me = await loadMe()
    setSession(me ? { status: 'signedIn', me } : { status: 'signedOut', expired: true })
  }, [loadMe])

  const api = useMemo(() => ({ session, signIn, signUp, signOut, expire, setLocale, refresh }), [session, signIn, signUp, signOut, expire, setLocale, refresh])
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>
}
