import {
  BODY_LEVELS,
  bodyAnchorId,
  type BodyLevel,
  DECISION_RULES,
  type DecisionRule,
  bodyEntity,
  type GovernanceBody,
  MEETING_CADENCES,
  totalSeats,
  validateBody,
  workspaceContextFrom,
} from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { blame } from '../collab/blame.ts'
import { useFieldServerError } from '../collab/useFieldServerError.ts'
import { NumberCell } from '../collab/cells/NumberCell.tsx'
import { SelectCell } from '../collab/cells/SelectCell.tsx'
import { TextCell } from '../collab/cells/TextCell.tsx'
import { writeUnlessRefused } from '../collab/cells/writeUnlessRefused.ts'
import { CommentTargetButton } from '../comments/TargetComments.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CharterDefinition } from './CharterDefinition.tsx'
import { CollegesEditor } from './CollegesEditor.tsx'
import { deleteBody, quorumForSeats, setBodyField, setMandate, setSeats } from './governanceWrites.ts'
import { VotingRules } from './VotingRules.tsx'

type Cadence = GovernanceBody['cadence']

interface BodyCardProps {
  id: string
  body: GovernanceBody
  doc: Y.Doc
  canEdit: boolean
  /** Where the charter defines each body (GOV25); null while the charter loads. */
  charterDefinitions: Map<string, string | null> | null
}

/** One instance: its name, level, mandate, seats per partner, how it decides and where the charter defines it. */
export function BodyCard({ id, body, doc, canEdit, charterDefinitions }: BodyCardProps) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const entity = bodyEntity(id)
  const name = body.name.trim() || t('governance.newBodyName')
  const headingId = `body-${id}`
  const seatsError = useFieldServerError(entity, 'seats')
  const context = workspaceContextFrom(workspace.members, workspace.partners)
  /** The server's rules on this body (name, quorum reachable, seats of real partners…), before writing. */
  const check = (change: Partial<GovernanceBody>): string | null =>
    blame(validateBody(body, context, entity), validateBody({ ...body, ...change }, context, entity), Object.keys(change))
  // With colleges, seats change through them (GOV3): see CollegesEditor.
  const hasColleges = (body.voting?.colleges.length ?? 0) > 0
  const checkSeats = (partnerId: string, seats: number): string | null => {
    const next = { ...body.seats, [partnerId]: seats }
    return check({ seats: next, quorum: quorumForSeats(body.quorum, next) })
  }

  return (
    // The anchor id and tabIndex let a charter link open this card and move focus to it (GOV25).
    <article
      id={bodyAnchorId(id)}
      tabIndex={-1}
      className={`card body-card level--${body.level}`}
      aria-labelledby={headingId}
      data-body-id={id}
      data-testid="body-card"
    >
      <header className="body-card__header">
        <h2 id={headingId}>{name}</h2>
        <span className={`badge level-badge level--${body.level}`}>{t(`governance.levels.${body.level}`)}</span>
        <CommentTargetButton target={{ targetKind: 'body', targetId: id }} label={t('comments.targets.body', { name })} />
        {canEdit && (
          <button
            type="button"
            className="button button--small button--danger"
            aria-label={t('governance.deleteBody', { name })}
            onClick={() => {
              if (window.confirm(t('governance.confirmDelete', { name }))) deleteBody(doc, id)
            }}
          >
            {t('common.delete')}
          </button>
        )}
      </header>
      <CharterDefinition definitions={charterDefinitions} bodyId={id} />
      <div className="body-card__grid">
        <LabelledCell label={t('governance.name')}>
          <TextCell
            label={t('governance.name')}
            value={body.name}
            entity={entity}
            field="name"
            readOnly={!canEdit}
            validate={(v) => check({ name: v.trim() })}
            onCommit={(v) => setBodyField(doc, id, 'name', v.trim())}
            testId="body-name"
          />
        </LabelledCell>
        <LabelledCell label={t('governance.level')}>
          <SelectCell<BodyLevel>
            label={`${t('governance.level')} — ${name}`}
            value={body.level}
            options={BODY_LEVELS.map((l) => ({ value: l, label: t(`governance.levels.${l}`) }))}
            entity={entity}
            field="level"
            disabled={!canEdit}
            onCommit={(v) => (v ? writeUnlessRefused(check({ level: v }), () => setBodyField(doc, id, 'level', v)) : null)}
          />
        </LabelledCell>
        <LabelledCell label={t('governance.decisionRule')}>
          <SelectCell<DecisionRule>
            label={`${t('governance.decisionRule')} — ${name}`}
            value={body.decisionRule}
            options={DECISION_RULES.map((r) => ({ value: r, label: t(`decisionRules.${r}`) }))}
            entity={entity}
            field="decisionRule"
            disabled={!canEdit}
            onCommit={(v) => (v ? writeUnlessRefused(check({ decisionRule: v }), () => setBodyField(doc, id, 'decisionRule', v)) : null)}
          />
        </LabelledCell>
        <LabelledCell label={t('governance.quorum')}>
          <NumberCell
            label={`${t('governance.quorum')} — ${name}`}
            value={body.quorum}
            entity={entity}
            field="quorum"
            readOnly={!canEdit}
            min={0}
            validate={(v) => check({ quorum: Number(v) })}
            onCommit={(v) => setBodyField(doc, id, 'quorum', v)}
          />
        </LabelledCell>
        <LabelledCell label={t('governance.cadence')}>
          <SelectCell<Cadence>
            label={`${t('governance.cadence')} — ${name}`}
            value={body.cadence}
            options={MEETING_CADENCES.map((c) => ({ value: c, label: t(`governance.cadences.${c}`) }))}
            entity={entity}
            field="cadence"
            disabled={!canEdit}
            onCommit={(v) => (v ? writeUnlessRefused(check({ cadence: v }), () => setBodyField(doc, id, 'cadence', v)) : null)}
          />
        </LabelledCell>
        <LabelledCell label={t('governance.chair')}>
          <SelectCell<string>
            label={`${t('governance.chair')} — ${name}`}
            value={body.chair}
            options={workspace.members.map((m) => ({ value: m.userId, label: m.name }))}
            emptyLabel={t('governance.noChair')}
            entity={entity}
            field="chair"
            disabled={!canEdit}
            onCommit={(v) => writeUnlessRefused(check({ chair: v }), () => setBodyField(doc, id, 'chair', v))}
          />
        </LabelledCell>
        <LabelledCell label={t('governance.mandate')} wide>
          <TextCell
            label={`${t('governance.mandate')} — ${name}`}
            value={body.mandate}
            entity={entity}
            field="mandate"
            multiline
            readOnly={!canEdit}
            validate={(v) => check({ mandate: v })}
            onCommit={(v) => setMandate(doc, id, v)}
          />
        </LabelledCell>
      </div>
      <fieldset className="seats">
        <legend>
          {t('governance.composition')} — {t('governance.totalSeats', { count: totalSeats(body) })}
        </legend>
        {workspace.partners.length === 0 && <p className="muted">{t('governance.noPartners')}</p>}
        {hasColleges && <p className="muted">{t('meetings.colleges.seatsThroughColleges')}</p>}
        {seatsError.error && (
          <p className="cell__error" role="alert">
            {seatsError.error.message}
          </p>
        )}
        <div className="seats__grid">
          {workspace.partners.map((partner) => (
            <label key={partner.id} className="seats__item">
              <span>{partner.name}</span>
              <NumberCell
                label={`${t('governance.seatsOf', { partner: partner.name })} — ${name}`}
                value={body.seats[partner.id] ?? 0}
                entity={entity}
                field={`seats.${partner.id}`}
                readOnly={!canEdit || hasColleges}
                min={0}
                max={1000}
                validate={(v) => checkSeats(partner.id, Number(v))}
                onCommit={(v) => setSeats(doc, id, partner.id, v)}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <VotingRules id={id} body={body} doc={doc} canEdit={canEdit} />
      <CollegesEditor id={id} body={body} doc={doc} canEdit={canEdit} check={check} />
    </article>
  )
}

/** A visible caption above a cell; the cell carries its own full accessible name. */
function LabelledCell({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={`labelled-cell${wide ? ' labelled-cell--wide' : ''}`}>
      <span className="labelled-cell__label" aria-hidden="true">
        {label}
      </span>
      {children}
    </div>
  )
}
