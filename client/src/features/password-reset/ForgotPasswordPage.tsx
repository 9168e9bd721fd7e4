import { passwordResetRequestSchema } from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { Link } from '../../router.tsx'

/**
 * `/mot-de-passe-oublie`, reached from the sign-in form (ACCT21). Whatever the address, the page
 * says the same thing once the server has answered: a message went to it (ACCT16).
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const [sentTo, setSentTo] = useState<string | null>(null)
  const { bind, errorOf, formError, busy, onSubmit } = useSchemaForm(passwordResetRequestSchema, {
    defaultValues: { email: '' },
    prepare: (values) => ({ email: values.email.trim() }),
    serverFields: false,
  })
  const submit = onSubmit(async ({ email }) => {
    await call(rest['password-reset'].$post({ json: { email } }))
    setSentTo(email)
  })

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('passwordReset.forgotTitle')}</h1>
      {sentTo ? (
        <>
          <p className="notice" role="status">
            {t('passwordReset.sent', { email: sentTo })}
          </p>
          <p>
            <button type="button" className="button" onClick={() => setSentTo(null)}>
              {t('passwordReset.sendAgain')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p className="auth__intro">{t('passwordReset.forgotIntro')}</p>
          <form className="form" onSubmit={submit} noValidate>
            {formError && (
              <p className="form__error" role="alert">
                {formError}
              </p>
            )}
            <Field label={t('auth.email')} error={errorOf('email')}>
              {(control) => <input {...control} name="email" type="email" autoComplete="email" required {...bind('email')} />}
            </Field>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('passwordReset.sending') : t('passwordReset.send')}
            </button>
          </form>
        </>
      )}
      <p className="auth__switch">
        <Link to="/connexion">{t('passwordReset.backToSignIn')}</Link>
      </p>
    </div>
  )
}
