import { type ChangeEvent, useState } from 'react'
import { type DefaultValues, type FieldErrors as FormErrors, type FieldValues, type Path, type PathValue, type Resolver, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { apiErrorMessage, fieldErrorsOf, type IssueLike } from '../validation.ts'

/** A shared zod schema, structurally (the client imports no zod of its own): what `safeParse` answers. */
export interface SchemaOf<Out> {
  safeParse(value: unknown): { success: true; data: Out } | { success: false; error: { issues: readonly IssueLike[] } }
}

interface Options<In extends FieldValues> {
  defaultValues: DefaultValues<In>
  /** What the form holds, as the schema takes it (a trimmed address, an empty choice as null). */
  prepare?: (values: In) => unknown
  /** The field a server refusal naming no field of this form is shown beside; the banner when absent. */
  fallbackField?: Path<In>
  /**
   * The sentence for a refusal: by default translated as it is; the signed-in app's forms pass
   * `useApiErrorHandler()` so that a 401 sends back to sign-in (never the sign-in forms themselves).
   */
  describe?: (error: unknown) => string
  /** One sentence for any issue the schema finds with a field (a number typed as text: « Nombre invalide »). */
  fieldMessages?: Partial<Record<Path<In>, string>>
  /** false: every refusal shows in the banner (sign-in: it is about the pair, never one field). */
  serverFields?: boolean
}

/**
 * One form on a shared zod schema, with react-hook-form: the values, their check by the schema on
 * submit (the messages in the reader's language, `fieldErrorsOf`: zod's own are English and the
 * resolvers' errors drop the bounds a sentence names), the server's `{error:{field}}` shown beside
 * that field, any other refusal in the form's banner, and `busy` while it is sent. Errors stay until
 * the next submit, as the forms always did. Fields keep their own `name` attributes (autocomplete),
 * so they are bound with `bind`/`bindCheckbox` rather than `register`.
 */
export function useSchemaForm<In extends FieldValues, Out>(
  schema: SchemaOf<Out>,
  { defaultValues, prepare, fallbackField, describe, fieldMessages, serverFields = true }: Options<In>,
) {
  const { t } = useTranslation()
  const [formError, setFormError] = useState<string | null>(null)
  const resolver: Resolver<In, unknown, Out> = (values) => {
    const parsed = schema.safeParse(prepare ? prepare(values) : values)
    if (parsed.success) return { values: parsed.data, errors: {} }
    const messages = fieldErrorsOf(parsed.error, t)
    for (const name of Object.keys(messages)) messages[name] = fieldMessages?.[name as Path<In>] ?? messages[name]!
    return { values: {}, errors: Object.fromEntries(Object.entries(messages).map(([name, message]) => [name, { type: 'schema', message }])) as FormErrors<In> }
  }
  const form = useForm<In, unknown, Out>({ defaultValues, resolver, shouldFocusError: false })
  const values = form.watch()

  /** The submit handler: `send` gets the parsed values; what it throws is shown (field or banner). */
  const onSubmit = (send: (data: Out) => Promise<void>) =>
    form.handleSubmit(async (data) => {
      setFormError(null)
      try {
        await send(data)
      } catch (error) {
        showError(error)
      }
    })
  const showError = (error: unknown) => {
    const message = describe ? describe(error) : apiErrorMessage(error, t)
    const field = serverFields && error instanceof ApiError && error.field && error.field in values ? (error.field as Path<In>) : fallbackField
    if (field) form.setError(field, { type: 'server', message })
    else setFormError(message)
  }
  const set = <N extends Path<In>>(name: N, value: PathValue<In, N>) => form.setValue(name, value, { shouldDirty: true })
  return {
    form,
    values,
    set,
    onSubmit,
    /** Puts a message beside a field (a check the schema cannot make). */
    fieldError: (name: Path<In>, message: string) => form.setError(name, { type: 'check', message }),
    /** The message beside a field, if any. */
    errorOf: (name: Path<In>): string | undefined => form.formState.errors[name]?.message as string | undefined,
    formError,
    clearFormError: () => setFormError(null),
    busy: form.formState.isSubmitting,
    /** A text input or a select bound to one field. */
    bind: <N extends Path<In>>(name: N) => ({
      value: (values[name] ?? '') as string,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, event.target.value as PathValue<In, N>),
    }),
    bindCheckbox: <N extends Path<In>>(name: N) => ({
      checked: Boolean(values[name]),
      onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.target.checked as PathValue<In, N>),
    }),
  }
}
