import {
  ADOPTION_RULES,
  ADOPTION_RULES_KEY,
  adoptionRuleFor,
  can,
  documentMetaOf,
  RICH_TEXT_DOCS,
  type AdoptionRule,
  type AdoptionRules,
  type DocumentStatus,
} from '@ensemble/shared'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { SelectCell } from '../collab/cells/SelectCell.tsx'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import { useYMapJson } from '../collab/useYMapJson.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import './adoptionRules.css'

/**
 * On the charter's page: the rule by which each document is adopted (SIGN9), written live into the
 * charter's meta. Admin and steering choose while the charter is not adopted; others read it.
 */
export function AdoptionRuleField({ collab, status }: { collab: CollabDoc; status: DocumentStatus }) {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  const legendId = useId()
  const meta = documentMetaOf(collab.doc)
  const setting = useYMapJson<Record<string, unknown>>(meta)[ADOPTION_RULES_KEY]
  const editable = can({ role: abilities.role }, 'signoff.manage') && status !== 'adopted' && collab.synced
  const choose =
    (docName: (typeof RICH_TEXT_DOCS)[number]) =>
    (rule: AdoptionRule | null): null => {
      if (!rule) return null
      const current = (setting && typeof setting === 'object' ? setting : {}) as AdoptionRules
      collab.doc.transact(() => meta.set(ADOPTION_RULES_KEY, { ...current, [docName]: rule }))
      return null
    }
  return (
    <section className="adoption-rules" aria-labelledby={legendId} data-testid="adoption-rules">
      <h2 id={legendId}>{t('adoptionRules.legend')}</h2>
      <p className="adoption-rules__help">{status === 'adopted' ? t('adoptionRules.locked') : t('adoptionRules.help')}</p>
      <dl>
        {RICH_TEXT_DOCS.map((docName) => {
          const rule = adoptionRuleFor(setting, docName)
          const label = t('adoptionRules.ruleFor', { document: t(`adoptionRules.documents.${docName}`) })
          return (
            <div key={docName} className="adoption-rules__row">
              <dt>{t(`adoptionRules.documents.${docName}`)}</dt>
              <dd>
                {editable ? (
                  <SelectCell<AdoptionRule>
                    label={label}
                    value={rule}
                    options={ADOPTION_RULES.map((r) => ({ value: r, label: t(`decisionRules.${r}`) }))}
                    entity="meta"
                    field={ADOPTION_RULES_KEY}
                    onCommit={choose(docName)}
                    testId={`adoption-rule-${docName}`}
                  />
                ) : (
                  <span data-testid={`adoption-rule-${docName}`}>{t(`decisionRules.${rule}`)}</span>
                )}
              </dd>
            </div>
          )
        })}
      </dl>
    </section>
  )
}
