import { useEffect, useEffectEvent, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useBodies } from './useBodies.ts'
import { useQuietDoc } from './useQuietDoc.ts'

interface BodySelectProps {
  value: string
  error?: string | undefined
  onChange(id: string, name: string): void
}

/** A native, labelled list of the alliance's governance bodies, read live from the `governance` document (GOV25). */
export function BodySelect(props: BodySelectProps) {
  const { t } = useTranslation()
  const collab = useQuietDoc('governance')
  if (!collab?.synced)
    return (
      <p className="muted" aria-busy="true">
        {t('charterLinks.loadingBodies')}
      </p>
    )
  return <BodyOptions {...props} doc={collab.doc} />
}

function BodyOptions({ value, error, onChange, doc }: BodySelectProps & { doc: Parameters<typeof useBodies>[0] }) {
  const { t } = useTranslation()
  const bodies = useBodies(doc)
  const select = useRef<HTMLSelectElement>(null)
  const nameOf = (id: string) => bodies.find((b) => b.id === id)?.body.name.trim() || t('governance.newBodyName')

  // Once, when the list appears, with the values of that render: focus it, and an existing body
  // link being edited gets its body's name as the default text.
  const appear = useEffectEvent(() => {
    select.current?.focus()
    if (value) onChange(value, nameOf(value))
  })
  useEffect(() => appear(), [])

  if (bodies.length === 0) return <p className="notice">{t('charterLinks.noBodies')}</p>
  return (
    <Field label={t('charterLinks.body')} hint={t('charterLinks.bodyHint')} error={error}>
      {(control) => (
        <select
          {...control}
          ref={select}
          name="link-body"
          value={value}
          onChange={(e) => onChange(e.target.value, nameOf(e.target.value))}
          data-testid="link-body"
        >
          <option value="">{t('charterLinks.chooseBody')}</option>
          {bodies.map(({ id, body }) => (
            <option key={id} value={id}>
              {body.name.trim() || t('governance.newBodyName')}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
