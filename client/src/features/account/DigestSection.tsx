import { DIGEST_FREQUENCIES, type DigestFrequency, type DigestPreference, type Locale, updateDigestPreferenceSchema } from '@ensemble/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { formatDateTime } from '../comments/formatDateTime.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'

const LANGUAGES = ['fr', 'en'] as const satisfies readonly Locale[]

/**
 * EDGE5: the e-mail digest of each alliance one belongs to (PUT /api/workspaces/:id/me/digest):
 * how often (never, daily, weekly) and in which language, with when the next one goes out.
 */
export function DigestSection() {
  const { t } = useTranslation()
  const headingId = useId()
  const list = useQuery({ queryKey: queryKeys.workspaces(), queryFn: () => call(rest.workspaces.$get()) })
  return (
    <section className="account-page__section" aria-labelledby={headingId} data-testid="digest-section">
      <h2 id={headingId}>{t('account.digest.title')}</h2>
      <p className="field__hint">{t('account.digest.intro')}</p>
      {!list.data && <p aria-busy="true">{t('app.loading')}</p>}
      {list.data?.length === 0 && <p className="empty">{t('account.digest.none')}</p>}
      {list.data?.map((w) => (
        <DigestForm key={w.id} workspaceId={w.id} name={w.name} />
      ))}
    </section>
  )
}

function DigestForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const key = [...queryKeys.workspace(workspaceId), 'digest'] as const
  const param = { param: params({ workspaceId }) }
  const preference = useQuery({ queryKey: key, queryFn: () => call(rest.workspaces[':workspaceId'].me.digest.$get(param)) })
  if (!preference.data) return <p aria-busy="true">{t('app.loading')}</p>
  return (
    <DigestFields
      name={name}
      preference={preference.data}
      save={async (json) => {
        const saved = await call(rest.workspaces[':workspaceId'].me.digest.$put({ ...param, json }))
        queryClient.setQueryData(key, saved)
      }}
    />
  )
}

function DigestFields({
  name,
  preference,
  save,
}: {
  name: string
  preference: DigestPreference
  save(json: { frequency: DigestFrequency; language: Locale }): Promise<void>
}) {
  const { t } = useTranslation()
  const legendId = useId()
  const [saved, setSaved] = useState(false)
  const { bind, errorOf, formError, busy, onSubmit } = useSchemaForm(updateDigestPreferenceSchema, {
    defaultValues: { frequency: preference.frequency, language: preference.language },
    describe: useApiErrorHandler(),
  })
  const submit = (event: FormEvent) => {
    setSaved(false)
    return onSubmit(async (data) => {
      await save({ frequency: data.frequency ?? preference.frequency, language: data.language ?? preference.language })
      setSaved(true)
    })(event)
  }
  const frequency = bind('frequency')
  const language = bind('language')
  return (
    <form className="form account-page__digest" onSubmit={submit} noValidate aria-labelledby={legendId} data-testid="digest-form">
      <h3 id={legendId}>{t('account.digest.of', { name })}</h3>
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <Field label={t('account.digest.frequency')} error={errorOf('frequency')}>
        {(control) => (
          <select {...control} name="frequency" value={frequency.value} onChange={frequency.onChange}>
            {DIGEST_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`account.digest.frequencies.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('account.digest.language')} error={errorOf('language')}>
        {(control) => (
          <select {...control} name="language" value={language.value} onChange={language.onChange}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`account.digest.languages.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted" data-testid="digest-next">
        {preference.nextDigestAt ? t('account.digest.next', { date: formatDateTime(preference.nextDigestAt) }) : t('account.digest.off')}
      </p>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('account.saving') : t('account.digest.save')}
      </button>
      <p className="account-page__status" role="status">
        {saved ? t('account.digest.saved') : ''}
      </p>
    </form>
  )
}
