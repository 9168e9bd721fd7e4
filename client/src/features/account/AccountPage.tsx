import { changePasswordSchema, passwordProblem, updateUserSchema } from '@ensemble/shared'
import { type ChangeEvent, type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { issueMessage } from '../../components/validation.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useMe, useSession } from '../auth/SessionContext.tsx'
import { DigestSection } from './DigestSection.tsx'

/**
 * `/compte`, « Mon compte » (ACCT22), reached from the header: one's address (read only), one's
 * name (bounded like at sign-up, ACCT10) and one's password (the current one required, the policy's
 * reasons in French, ACCT13; the other sessions end, ACCT12). Two labelled sections with a form
 * each; what each form did is announced (role="status"), what went wrong sits beside its field.
 */
export function AccountPage() {
  const { t } = useTranslation()
  const me = useMe()
  useEffect(() => {
    document.title = `${t('account.title')} — ${t('app.name')}`
  }, [t])
  return (
    <div className="page page--narrow account-page">
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      <p className="muted">{t('account.intro')}</p>
      <NameSection key={me.id} initialName={me.name} email={me.email} />
      <PasswordSection email={me.email} name={me.name} />
      <DigestSection />
    </div>
  )
}

function NameSection({ initialName, email }: { initialName: string; email: string }) {
  const { t } = useTranslation()
  const { refresh } = useSession()
  const headingId = useId()
  const [saved, setSaved] = useState(false)
  const { bind, set, errorOf, formError, busy, onSubmit } = useSchemaForm(updateUserSchema, {
    defaultValues: { name: initialName },
    describe: useApiErrorHandler(),
  })
  const submit = (event: FormEvent) => {
    setSaved(false)
    return onSubmit(async (data) => {
      await call(rest.auth['update-user'].$post({ json: { name: data.name } }))
      await refresh()
      set('name', data.name)
      setSaved(true)
    })(event)
  }
  const name = bind('name')

  return (
    <section className="account-page__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.identity')}</h2>
      <dl className="account-page__facts">
        <dt>{t('account.email')}</dt>
        <dd data-testid="account-email">{email}</dd>
      </dl>
      <p className="field__hint">{t('account.emailNote')}</p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={headingId}>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        <Field label={t('account.name')} error={errorOf('name')}>
          {(control) => (
            <input
              {...control}
              name="name"
              autoComplete="name"
              required
              value={name.value}
              onChange={(e) => {
                name.onChange(e)
                setSaved(false)
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('account.saving') : t('account.saveName')}
        </button>
        <p className="account-page__status" role="status">
          {saved ? t('account.nameSaved') : ''}
        </p>
      </form>
    </section>
  )
}

function PasswordSection({ email, name }: { email: string; name: string }) {
  const { t } = useTranslation()
  const handleError = useApiErrorHandler()
  const headingId = useId()
  const [changed, setChanged] = useState(false)
  const { bind, form, fieldError, errorOf, formError, busy, onSubmit } = useSchemaForm(changePasswordSchema, {
    defaultValues: { currentPassword: '', newPassword: '' },
    describe: handleError,
  })
  const bound = (key: 'currentPassword' | 'newPassword') => {
    const field = bind(key)
    const onChange = (event: ChangeEvent<HTMLInputElement>) => {
      field.onChange(event)
      setChanged(false)
    }
    return { value: field.value, onChange }
  }

  const submit = (event: FormEvent) => {
    setChanged(false)
    return onSubmit(async (data) => {
      // The rules that need no list are checked here too, with one's address and name (ACCT13).
      const problem = passwordProblem(data.newPassword, { email, name })
      if (problem) {
        fieldError('newPassword', issueMessage({ code: 'custom', path: ['newPassword'], message: problem }, t))
        return
      }
      try {
        await call(rest.auth['change-password'].$post({ json: { currentPassword: data.currentPassword, newPassword: data.newPassword } }))
      } catch (error) {
        // better-auth's INVALID_PASSWORD names the current password; a policy reason, the new one.
        if (!(error instanceof ApiError && error.reason === 'INVALID_PASSWORD')) throw error
        fieldError('currentPassword', t('account.wrongCurrent'))
        return
      }
      form.reset({ currentPassword: '', newPassword: '' })
      setChanged(true)
    })(event)
  }

  return (
    <section className="account-page__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.password')}</h2>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={headingId}>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {/* The account's address, for password managers. */}
        <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
        <Field label={t('account.currentPassword')} error={errorOf('currentPassword')}>
          {(control) => <input {...control} name="currentPassword" type="password" autoComplete="current-password" required {...bound('currentPassword')} />}
        </Field>
        <Field label={t('account.newPassword')} hint={`${t('auth.passwordHint')} ${t('account.endsOthers')}`} error={errorOf('newPassword')}>
          {(control) => <input {...control} name="newPassword" type="password" autoComplete="new-password" required {...bound('newPassword')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('account.saving') : t('account.changePassword')}
        </button>
        <p className="account-page__status" role="status">
          {changed ? t('account.passwordChanged') : ''}
        </p>
      </form>
    </section>
  )
}
