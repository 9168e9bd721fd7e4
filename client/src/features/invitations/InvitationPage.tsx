import { INVITATION_INVALID, type InvitationPreview, type SignInInput, signInSchema, type SignUpInput, signUpSchema } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { Field } from '../../components/Field.tsx'
import { type SchemaOf, useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { formatInstant } from '../../i18n/format.ts'
import { currentLocale } from '../../i18n/index.ts'
import { navigate } from '../../router.tsx'
import { useSession } from '../auth/SessionContext.tsx'

type Loaded = { status: 'loading' } | { status: 'invalid' } | { status: 'error'; message: string } | { status: 'ready'; preview: InvitationPreview }

/**
 * `/invitation/:token`, the page an invitation mail links to (ACCT3–ACCT5). The link proves the
 * address: signed in with it, one click joins; signed out, the person signs in or creates their
 * account with that address (prefilled, fixed) and joins in the same step; signed in with another
 * address, they are told to switch accounts, and nothing happens.
 */
export function InvitationPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const { session, signOut } = useSession()
  // The link is read once (a language switch must not read it again).
  const read = useQuery({
    queryKey: queryKeys.invitation(token),
    queryFn: () => call(rest.invitations[':token'].$get({ param: params({ token }) })),
    staleTime: Infinity,
  })
  const loaded: Loaded =
    read.status === 'pending'
      ? { status: 'loading' }
      : read.status === 'success'
        ? { status: 'ready', preview: read.data }
        : read.error instanceof ApiError && read.error.reason === INVITATION_INVALID
          ? { status: 'invalid' }
          : { status: 'error', message: apiErrorMessage(read.error, t) }
  const [joining, setJoining] = useState(false)
  const [joinError, setJoinError] = useState<string | null>(null)

  const workspaceName = loaded.status === 'ready' ? loaded.preview.workspaceName : null
  useEffect(() => {
    const title = workspaceName !== null ? t('invitation.title', { workspace: workspaceName }) : t('invitation.titleLoading')
    document.title = `${title} — ${t('app.name')}`
  }, [workspaceName, t])

  /** Accepts for the signed-in person and opens the alliance. */
  const join = async () => {
    setJoining(true)
    setJoinError(null)
    try {
      const { workspaceId } = await call(rest.invitations[':token'].accept.$post({ param: params({ token }) }))
      navigate(`/alliances/${encodeURIComponent(workspaceId)}`, { replace: true })
    } catch (error) {
      setJoinError(apiErrorMessage(error, t))
      setJoining(false)
    }
  }

  if (loaded.status === 'loading' || session.status === 'loading') {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('invitation.titleLoading')}</h1>
        <p aria-busy="true">{t('invitation.loading')}</p>
      </div>
    )
  }
  if (loaded.status !== 'ready') {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('invitation.titleLoading')}</h1>
        <p className="notice notice--error" role="alert">
          {loaded.status === 'invalid' ? t('invitation.invalid') : loaded.message}
        </p>
      </div>
    )
  }

  const { preview } = loaded
  const role = t(`roles.${preview.role}`)
  const summary = preview.partnerName
    ? t('invitation.summaryPartner', { inviter: preview.invitedBy, workspace: preview.workspaceName, role, partner: preview.partnerName })
    : t('invitation.summary', { inviter: preview.invitedBy, workspace: preview.workspaceName, role })
  const signedInAs = session.status === 'signedIn' ? session.me.email.toLowerCase() : null

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('invitation.title', { workspace: preview.workspaceName })}</h1>
      <p>{summary}</p>
      <p className="auth__intro">{t('invitation.validUntil', { date: formatInstant(preview.expiresAt, currentLocale()) })}</p>
      {joinError && (
        <p className="form__error" role="alert">
          {joinError}
        </p>
      )}
      {signedInAs === preview.email && (
        <button type="button" className="button button--primary" disabled={joining} onClick={() => void join()}>
          {joining ? t('invitation.accepting') : t('invitation.accept')}
        </button>
      )}
      {signedInAs !== null && signedInAs !== preview.email && (
        <>
          <p className="notice notice--warning" role="alert">
            {t('invitation.otherEmail', { invited: preview.email, current: signedInAs })}
          </p>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t('invitation.signOut')}
          </button>
        </>
      )}
      {signedInAs === null && <SignInOrUp email={preview.email} onSignedIn={join} />}
    </div>
  )
}

/** Sign-up (the default) or sign-in with the invited address, then `onSignedIn`. */
function SignInOrUp({ email, onSignedIn }: { email: string; onSignedIn: () => Promise<void> }) {
  const { t } = useTranslation()
  const { signIn, signUp } = useSession()
  const [mode, setMode] = useState<'signUp' | 'signIn'>('signUp')
  // The address is the invitation's: shown, fixed, always the one sent.
  const schema: SchemaOf<SignUpInput | SignInInput> = mode === 'signUp' ? signUpSchema : signInSchema
  const { bind, form, errorOf, formError, clearFormError, busy, onSubmit } = useSchemaForm(schema, {
    defaultValues: { name: '', email, password: '' },
    prepare: (values) => (mode === 'signUp' ? { ...values, email } : { email, password: values.password }),
  })

  const submit = onSubmit(async (data) => {
    if ('name' in data) await signUp(data)
    else await signIn(data)
    await onSignedIn()
  })

  return (
    <>
      <h2>{mode === 'signUp' ? t('invitation.signUpTitle', { email }) : t('invitation.signInTitle', { email })}</h2>
      <form className="form" onSubmit={submit} noValidate>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {mode === 'signUp' && (
          <Field label={t('auth.name')} error={errorOf('name')}>
            {(control) => <input {...control} name="name" autoComplete="name" required {...bind('name')} />}
          </Field>
        )}
        <Field label={t('auth.email')} hint={t('invitation.emailFixed')} error={errorOf('email')}>
          {(control) => <input {...control} name="email" type="email" autoComplete="email" readOnly value={email} />}
        </Field>
        <Field label={t('auth.password')} hint={mode === 'signUp' ? t('auth.passwordHint') : undefined} error={errorOf('password')}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete={mode === 'signUp' ? 'new-password' : 'current-password'}
              required
              {...bind('password')}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('auth.submitting') : mode === 'signUp' ? t('invitation.signUpAndJoin') : t('invitation.signInAndJoin')}
        </button>
      </form>
      <p className="auth__switch">
        <button
          type="button"
          className="button"
          onClick={() => {
            setMode(mode === 'signUp' ? 'signIn' : 'signUp')
            form.clearErrors()
            clearFormError()
          }}
        >
          {mode === 'signUp' ? t('invitation.haveAccount') : t('invitation.noAccount')}
        </button>
      </p>
    </>
  )
}
