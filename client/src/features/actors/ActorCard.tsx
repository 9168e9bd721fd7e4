import {
  ACTOR_STATUSES,
  actorsOf,
  appendContact,
  CONTACT_CHANNELS,
  type ContactChannel,
  contactLogEntrySchema,
  newId,
  ROLES,
  type Role,
  todayIso,
} from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { DataTable } from '../../components/DataTable.tsx'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { ActorsPageContext } from './pageContext.ts'
import type { ActorRow } from './useActors.ts'

/** An actor's card: its facts, its scores and status (steering), its contact log, its conversion into a partner. */
export function ActorCard({ page, actor, onClose }: { page: ActorsPageContext; actor: ActorRow; onClose(): void }) {
  const { t } = useTranslation()
  const map = () => actorsOf(page.doc).get(actor.id)
  const editable = page.canMap && actor.status !== 'converted'
  const partner = actor.partnerId ? page.partnerName(actor.partnerId) : null
  return (
    <section aria-labelledby="actor-card-heading" className="actors-card" data-testid="actor-card">
      <header className="actors-card__header">
        <h2 id="actor-card-heading" tabIndex={-1}>
          {t('actors.detailTitle', { name: actor.name })}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('actors.close')}
        </button>
      </header>
      <dl className="actors-card__facts">
        <dt>{t('actors.fields.type')}</dt>
        <dd>
          {t(`partnerTypes.${actor.type}`)} ({t(`families.${actor.family}`)})
        </dd>
        <dt>{t('actors.fields.expectations')}</dt>
        <dd>{actor.expectations || '—'}</dd>
        <dt>{t('actors.fields.perimeter')}</dt>
        <dd>{actor.perimeter || '—'}</dd>
        <dt>{t('actors.fields.synergies')}</dt>
        <dd>{actor.synergies || '—'}</dd>
        <dt>
          {t('actors.columns.influence')} / {t('actors.columns.interest')} / {t('actors.columns.nuisance')}
        </dt>
        <dd>
          {actor.influence} / {actor.interest} / {actor.nuisance}
        </dd>
      </dl>
      {partner && <p className="notice">{t('actors.partnerOf', { name: partner })}</p>}
      {editable ? (
        <div className="form form--row form--compact">
          <Field label={t('actors.fields.status')}>
            {(control) => (
              <select {...control} value={actor.status} onChange={(e) => map()?.set('status', e.target.value)} data-testid="actor-status">
                {ACTOR_STATUSES.filter((s) => s !== 'converted').map((s) => (
                  <option key={s} value={s}>
                    {t(`actors.statuses.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {page.map.criteria.map((c) => (
            <Field key={c.id} label={t('actors.scoreOf', { criterion: c.name })}>
              {(control) => (
                <select
                  {...control}
                  value={actor.scores[c.id] ?? ''}
                  onChange={(e) => {
                    const scores = { ...actor.scores }
                    if (e.target.value === '') delete scores[c.id]
                    else scores[c.id] = Number(e.target.value)
                    // Only criteria of the map keep a score (MAP1): one removed meanwhile is dropped here.
                    for (const id of Object.keys(scores)) if (!page.map.criteria.some((k) => k.id === id)) delete scores[id]
                    map()?.set('scores', scores)
                  }}
                >
                  <option value="">{t('actors.unscored')}</option>
                  {[0, 1, 2, 3, 4, 5].map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      ) : (
        <p>
          {t('actors.columns.status')} : {t(`actors.statuses.${actor.status}`)}
        </p>
      )}
      <ContactLog page={page} actor={actor} />
      {editable && <ConvertForm page={page} actor={actor} />}
    </section>
  )
}

function ContactLog({ page, actor }: { page: ActorsPageContext; actor: ActorRow }) {
  const { t } = useTranslation()
  const { notify } = useToasts()
  const entries = page.map.contacts.filter((c) => c.actorId === actor.id)
  const { bind, errorOf, onSubmit, set } = useSchemaForm<{ date: string; who: string; whom: string; how: ContactChannel; outcome: string }, unknown>(
    contactLogEntrySchema,
    {
      defaultValues: { date: todayIso(), who: '', whom: '', how: 'meeting', outcome: '' },
      prepare: (v) => ({ ...v, actorId: actor.id, by: page.userId, at: Date.now() }),
    },
  )
  const submit = onSubmit(async (data) => {
    appendContact(page.doc, newId(), data as Parameters<typeof appendContact>[2])
    notify(t('actors.contactAdded'), 'success')
    set('outcome', '')
    set('whom', '')
  })
  return (
    <section aria-labelledby="contacts-heading">
      <h3 id="contacts-heading">{t('actors.contactsTitle')}</h3>
      {entries.length === 0 ? (
        <p>{t('actors.contactsEmpty')}</p>
      ) : (
        <DataTable
          caption={t('actors.contactsTitle')}
          compact
          testId="actor-contacts"
          rows={entries}
          rowKey={(c) => c.id}
          columns={[
            { key: 'date', header: t('actors.contactFields.date'), rowHeader: true, cell: (c) => c.date },
            { key: 'who', header: t('actors.contactFields.who'), cell: (c) => c.who },
            { key: 'whom', header: t('actors.contactFields.whom'), cell: (c) => c.whom },
            { key: 'how', header: t('actors.contactFields.how'), cell: (c) => t(`actors.channels.${c.how}`) },
            { key: 'outcome', header: t('actors.contactFields.outcome'), cell: (c) => c.outcome },
          ]}
        />
      )}
      {page.canContact && (
        <form className="form form--row form--compact" onSubmit={submit} noValidate data-testid="contact-form">
          <Field label={t('actors.contactFields.date')} error={errorOf('date')}>
            {(control) => <input {...control} type="date" {...bind('date')} />}
          </Field>
          <Field label={t('actors.contactFields.who')} error={errorOf('who')}>
            {(control) => <input {...control} {...bind('who')} data-testid="contact-who" />}
          </Field>
          <Field label={t('actors.contactFields.whom')} error={errorOf('whom')}>
            {(control) => <input {...control} {...bind('whom')} data-testid="contact-whom" />}
          </Field>
          <Field label={t('actors.contactFields.how')} error={errorOf('how')}>
            {(control) => (
              <select {...control} {...bind('how')}>
                {CONTACT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`actors.channels.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('actors.contactFields.outcome')} error={errorOf('outcome')}>
            {(control) => <input {...control} {...bind('outcome')} />}
          </Field>
          <button type="submit" className="button">
            {t('actors.addContact')}
          </button>
        </form>
      )}
    </section>
  )
}

/** « Convertir en partenaire » (MAP7): the server creates the partner and, for an admin, invites its representative. */
function ConvertForm({ page, actor }: { page: ActorsPageContext; actor: ActorRow }) {
  const { t } = useTranslation()
  const { notify } = useToasts()
  const { workspace, reload } = useWorkspace()
  const describe = useApiErrorHandler()
  const invites = page.role === 'admin'
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const convert = async () => {
    setBusy(true)
    setError(null)
    try {
      const invite = invites && email.trim() !== '' ? { email: email.trim(), role } : undefined
      await call(
        rest.workspaces[':workspaceId'].actors[':actorId'].convert.$post({
          param: params({ workspaceId: workspace.id, actorId: actor.id }),
          json: invite ? { invite } : {},
        }),
      )
      notify(t(invite ? 'actors.convertedInvited' : 'actors.converted', { name: actor.name }), 'success')
      await reload()
    } catch (err) {
      setError(describe(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="convert-heading" className="actors-card__convert">
      <h3 id="convert-heading">{t('actors.convert')}</h3>
      <p className="field__hint">{t('actors.convertHint')}</p>
      <div className="form form--row form--compact">
        {invites && (
          <>
            <Field label={t('actors.inviteEmail')}>
              {(control) => (
                <input {...control} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="convert-email" />
              )}
            </Field>
            <Field label={t('actors.inviteRole')}>
              {(control) => (
                <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        <button type="button" className="button button--primary" onClick={convert} disabled={busy} data-testid="convert-actor">
          {t('actors.convert')}
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
