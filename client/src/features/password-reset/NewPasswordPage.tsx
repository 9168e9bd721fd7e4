import { PASSWORD_RESET_INVALID, passwordProblem, type PasswordResetPreview, passwordResetSchema } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { apiErrorMessage, issueMessage } from '../../components/validation.ts'
import { formatInstant } from '../../i18n/format.ts'
import { currentLocale } from '../../i18n/index.ts'
import { Link, navigate } from '../../router.tsx'
import { useSession } from '../auth/SessionContext.tsx'

type Loaded = { status: 'loading' } | { status: 'invalid' } | { status: 'error'; message: string } | { status: 'ready'; preview: PasswordResetPreview }

/**
 * `/nouveau-mot-de-passe/:token`, the page a reset mail links to (ACCT18–ACCT21), signed in or out.
 * The person chooses a new password (the policy's reasons in French), which ends every session of
 * the account, then is signed in with it.
 */
export function NewPasswordPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const { signIn } = useSession()
  // The link is read once (a language switch must not read it again).
  const read = useQuery({
    queryKey: queryKeys.passwordReset(token),
    queryFn: () => call(rest['password-reset'][':token'].$get({ param: params({ token }) })),
    staleTime: Infinity,
  })
  // A link found spent on submitting (used in another tab meanwhile) shows as invalid.
  const [spent, setSpent] = useState(false)
  const loaded: Loaded = spent
    ? { status: 'invalid' }
    : read.status === 'pending'
      ? { status: 'loading' }
      : read.status === 'success'
        ? { status: 'ready', preview: read.data }
        : read.error instanceof ApiError && read.error.reason === PASSWORD_RESET_INVALID
          ? { status: 'invalid' }
          : { status: 'error', message: apiErrorMessage(read.error, t) }
  const [done, setDone] = useState(false)
  const { values, bind, fieldError, errorOf, formError, busy, onSubmit } = useSchemaForm(passwordResetSchema, {
    defaultValues: { newPassword: '', confirm: '' },
    prepare: (values) => ({ newPassword: values.newPassword }),
  })

  useEffect(() => {
    document.title = `${t('passwordReset.newTitle')} — ${t('app.name')}`
  }, [t])

  if (loaded.status === 'loading') {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
        <p aria-busy="true">{t('passwordReset.loading')}</p>
      </div>
    )
  }
  if (loaded.status !== 'ready') {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
        <p className="notice notice--error" role="alert">
          {loaded.status === 'invalid' ? t('passwordReset.invalid') : loaded.message}
        </p>
        <p className="auth__switch">
          <Link to="/mot-de-passe-oublie">{t('passwordReset.askAgain')}</Link>
        </p>
      </div>
    )
  }

  const { email } = loaded.preview
  const submit = onSubmit(async ({ newPassword }) => {
    // The rules that need no list are checked here too, with the account's address (ACCT13).
    const problem = passwordProblem(newPassword, { email })
    if (problem) return fieldError('newPassword', issueMessage({ code: 'custom', path: ['newPassword'], message: problem }, t))
    if (values.confirm !== newPassword) return fieldError('confirm', t('passwordReset.mismatch'))
    try {
      await call(rest['password-reset'][':token'].$post({ param: params({ token }), json: { newPassword } }))
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === PASSWORD_RESET_INVALID)) throw error
      setSpent(true)
      return
    }
    // Every session of the account has ended, this browser's too: sign in with the new password.
    try {
      await signIn({ email, password: newPassword })
      navigate('/alliances', { replace: true })
    } catch {
      setDone(true)
    }
  })

  if (done) {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
        <p className="notice" role="status">
          {t('passwordReset.done')}
        </p>
        <p className="auth__switch">
          <Link to="/connexion">{t('auth.goSignIn')}</Link>
        </p>
      </div>
    )
  }

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
      <p className="auth__intro">{t('passwordReset.forAccount', { email, date: formatInstant(loaded.preview.expiresAt, currentLocale()) })}</p>
      <form className="form" onSubmit={submit} noValidate>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {/* The account's address, for password managers; not editable. */}
        <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
        <Field label={t('passwordReset.newPassword')} hint={t('auth.passwordHint')} error={errorOf('newPassword')}>
          {(control) => <input {...control} name="newPassword" type="password" autoComplete="new-password" required {...bind('newPassword')} />}
        </Field>
        <Field label={t('passwordReset.confirm')} error={errorOf('confirm')}>
          {(control) => <input {...control} name="confirm" type="password" autoComplete="new-password" required {...bind('confirm')} />}
        </Field>
        <p className="field__hint">{t('passwordReset.endsSessions')}</p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('passwordReset.saving') : t('passwordReset.save')}
        </button>
      </form>
    </div>
  )
}
