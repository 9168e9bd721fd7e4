import * as Y from 'yjs'
import { ACTION_STATUSES, type Action, type ActionStatus } from '../entities/action.ts'
import type { ObjectiveKind } from '../entities/objective.ts'
import { RESOURCE_UNITS } from '../entities/resource.ts'
import { LIMITS } from '../limits.ts'
import { WRITING_ROLES } from '../roles.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { isIntegerIn, isIsoDate, isOrder, isRef, isTitle, text, Violations } from './values.ts'

/** The plan's period (its `meta` start and end); a missing bound leaves that side open. */
export interface PlanPeriod {
  start?: string | null
  end?: string | null
}

/** What the action rules check an action against. */
export interface ActionRuleContext {
  workspace: WorkspaceContext
  period?: PlanPeriod
  /**
   * The kind of the plan's objective `id`, or null when the plan has none (OBJ8). Without it the
   * objective an action points to is checked for its shape only.
   */
  objectiveKind?: (id: string) => ObjectiveKind | null
}

/** An action as read from a document: the fields of `Action`, whose values the rules do not trust. */
export type ActionLike = { readonly [K in keyof Action]?: unknown }

/**
 * Read access to one action's fields, for rules that only look at some of them (the server reads
 * straight from the action's Y.Map, field by field). Text fields may be given as strings or Y.Texts.
 */
export interface ActionView {
  get(field: keyof Action): unknown
  /**
   * Optional shortcut: one key of every entry of `milestones` or `resources`, as [id, value] pairs,
   * without reading the rest (null when the field is not a map of entries; an entry that is not an
   * entry gives NOT_AN_ENTRY). Without it the rules read the whole field.
   */
  entryField?(field: 'milestones' | 'resources', key: string): [string, unknown][] | null
  /** Optional shortcut: one entry of `milestones` or `resources` as a plain record (undefined if absent). */
  entry?(field: 'milestones' | 'resources', id: string): unknown
}

type EntryField = 'milestones' | 'resources'

/**
 * Which entries of `milestones` / `resources` an edit changed *inside* (their own fields), for the
 * inputs `milestones.<key>` / `resources.<key>` (see validateActionView). A bare `milestones` input
 * means the list itself changed (entries added, removed or replaced): every entry is judged then.
 */
export type ChangedEntries = Partial<Record<EntryField, ReadonlySet<string>>>

/** The value of an entry's key when the entry itself is malformed (fails every value rule). */
export const NOT_AN_ENTRY = Symbol('not an entry')

/** Pseudo-field naming the plan's period among a violation's inputs (VAL9 depends on it). */
export const PERIOD_INPUT = '@period'

export const actionEntity = (id: string): string => `actions/${id}`

export const MILESTONE_KEYS: ReadonlySet<string> = new Set(['title', 'date', 'done', 'order'])
export const RESOURCE_KEYS: ReadonlySet<string> = new Set(['label', 'amount', 'unit', 'partnerId'])
/** Inputs naming one key changed inside existing entries (see ChangedEntries). */
const MILESTONE_INPUTS = [...MILESTONE_KEYS].map((key) => `milestones.${key}`)
const RESOURCE_INPUTS = [...RESOURCE_KEYS].map((key) => `resources.${key}`)

/**
 * The input an edit of `key` inside an entry of `field` stands for: `milestones.date`…, or the whole
 * `milestones` for a key outside the schema (then every rule about the entries runs).
 */
export function entryInput(field: EntryField, key: string): string {
  return (field === 'milestones' ? MILESTONE_KEYS : RESOURCE_KEYS).has(key) ? `${field}.${key}` : field
}

const LIST_LIMITS = { responsible: 50, consulted: 100, informed: 100 } as const
type ListField = keyof typeof LIST_LIMITS

const isStatus = (value: unknown): value is ActionStatus => (ACTION_STATUSES as readonly unknown[]).includes(value)

/** Length of a text field given as a string or a Y.Text, or null when it is neither. */
const textLength = (value: unknown): number | null => (typeof value === 'string' || value instanceof Y.Text ? value.length : null)

function refList(value: unknown, max: number): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null
  for (const id of value) if (!isRef(id)) return null
  return value as string[]
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType) ? (value as Record<string, unknown>) : null
}

/** Field values read once per validation, converted lazily. */
class Reader {
  private readonly cache = new Map<string, unknown>()
  constructor(
    readonly view: ActionView,
    readonly ctx: ActionRuleContext,
    readonly v: Violations,
    private readonly changed: ReadonlySet<string> | null = null,
    private readonly changedEntries: ChangedEntries = {},
  ) {}

  /** True when the edit changed entries of `field` only inside, and none of `whole`. */
  changedOnly(field: EntryField, whole: readonly string[]): boolean {
    return this.changed !== null && this.changedEntries[field] !== undefined && !whole.some((input) => this.changed!.has(input))
  }

  /**
   * The entries of `field` a group must judge, as [id, entry] pairs: only those the edit changed
   * inside when it changed nothing in `whole` (inputs that concern every entry), else all of them.
   */
  scope(field: EntryField, whole: readonly string[]): [string, unknown][] | null {
    const only = this.changedEntries[field]
    if (this.changed === null || only === undefined || whole.some((input) => this.changed!.has(input))) {
      const entries = this.entries(field)
      return entries === null ? null : Object.entries(entries)
    }
    const out: [string, unknown][] = []
    for (const id of only) {
      const entry = this.view.entry ? this.view.entry(field, id) : this.entries(field)?.[id]
      if (entry !== undefined) out.push([id, entry])
    }
    return out
  }

  raw(field: keyof Action): unknown {
    if (!this.cache.has(field)) this.cache.set(field, this.view.get(field))
    return this.cache.get(field)
  }
  /** A conversion of a field, computed once per validation. */
  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute())
    return this.cache.get(key) as T
  }
  status(): ActionStatus | null {
    const status = this.raw('status')
    return isStatus(status) ? status : null
  }
  progress(): number | null {
    const progress = this.raw('progress')
    return isIntegerIn(progress, 0, 100) ? progress : null
  }
  private dates: { start?: string | null | undefined; deadline?: string | null | undefined } = {}
  date(field: 'start' | 'deadline'): string | null | undefined {
    if (field in this.dates) return this.dates[field]
    const value = this.raw(field)
    return (this.dates[field] = value === null || isIsoDate(value) ? value : undefined)
  }
  accountable(): string | null | undefined {
    const value = this.raw('accountable')
    return value === null || isRef(value) ? value : undefined
  }
  private readonly lists: Partial<Record<ListField, string[] | null>> = {}
  list(field: ListField): string[] | null {
    if (field in this.lists) return this.lists[field]!
    return (this.lists[field] = refList(this.raw(field), LIST_LIMITS[field]))
  }
  entries(field: 'milestones' | 'resources'): Record<string, unknown> | null {
    return record(this.raw(field))
  }
  /** One key of every entry of `field`, read alone when the view can. */
  entryField(field: 'milestones' | 'resources', key: string): [string, unknown][] | null {
    return this.memo(field === 'milestones' ? `#milestones.${key}` : `#resources.${key}`, () => {
      if (this.view.entryField && !this.cache.has(field)) return this.view.entryField(field, key)
      const entries = this.entries(field)
      if (entries === null) return null
      const out: [string, unknown][] = []
      for (const id in entries) {
        const entry = record(entries[id])
        out.push([id, entry === null ? NOT_AN_ENTRY : entry[key]])
      }
      return out
    })
  }
  private checkedPeriod: { start: string | null; end: string | null } | null = null
  period(): { start: string | null; end: string | null } {
    if (this.checkedPeriod === null) {
      const period = this.ctx.period ?? {}
      this.checkedPeriod = { start: isIsoDate(period.start) ? period.start : null, end: isIsoDate(period.end) ? period.end : null }
    }
    return this.checkedPeriod
  }
  canEdit(userId: string): boolean {
    const member = this.ctx.workspace.members.get(userId)
    return member !== undefined && WRITING_ROLES.includes(member.role)
  }
}

interface RuleGroup {
  /** Fields (and PERIOD_INPUT) whose change can break these rules: the group runs when one changed. */
  inputs: readonly string[]
  run(r: Reader): void
}

/**
 * The action rules (VAL1–VAL14), grouped by what they read. A proposal (status `proposed`) may leave
 * the accountable, the responsible and the dates empty; every other rule applies to every action.
 */
const GROUPS: readonly RuleGroup[] = [
  // ---- shape of each field (VAL1, VAL2, VAL8, VAL11) ----------------------------------------------
  {
    inputs: ['title'],
    run: (r) => {
      if (!isTitle(r.raw('title'), LIMITS.actionTitleLength)) {
        r.v.add(
          'VAL2',
          'title',
          text(
            `Le titre d’une action est obligatoire et fait au plus ${LIMITS.actionTitleLength} caractères.`,
            `An action needs a title of at most ${LIMITS.actionTitleLength} characters.`,
          ),
        )
      }
    },
  },
  ...(['objective', 'description', 'blockedReason'] as const).map(
    (field): RuleGroup => ({
      inputs: [field],
      run: (r) => {
        const length = textLength(r.raw(field))
        if (length === null || length > LIMITS.textFieldLength) {
          r.v.add(
            'VAL1',
            field,
            text(
              `Ce champ est un texte d’au plus ${LIMITS.textFieldLength} caractères.`,
              `This field is a text of at most ${LIMITS.textFieldLength} characters.`,
            ),
          )
        }
      },
    }),
  ),
  {
    inputs: ['status'],
    run: (r) => {
      if (r.status() === null)
        r.v.add(
          'VAL11',
          'status',
          text(
            'Statut inconnu : proposée, prévue, en cours, bloquée, terminée ou annulée.',
            'Unknown status: proposed, planned, in progress, blocked, done or cancelled.',
          ),
        )
    },
  },
  {
    inputs: ['progress'],
    run: (r) => {
      if (r.progress() === null) r.v.add('VAL11', 'progress', text('L’avancement est un entier de 0 à 100.', 'Progress is a whole number from 0 to 100.'))
    },
  },
  ...(['start', 'deadline'] as const).map(
    (field): RuleGroup => ({
      inputs: [field],
      run: (r) => {
        if (r.date(field) === undefined) r.v.add('VAL8', field, text('Date invalide (AAAA-MM-JJ attendu).', 'Invalid date (YYYY-MM-DD expected).'))
      },
    }),
  ),
  {
    inputs: ['decisionIds'],
    run: (r) => {
      const value = r.raw('decisionIds')
      if (value !== undefined && refList(value, LIMITS.decisionLinks) === null) {
        r.v.add(
          'VAL1',
          'decisionIds',
          text(`Liste de décisions invalide (au plus ${LIMITS.decisionLinks}).`, `Invalid list of decisions (at most ${LIMITS.decisionLinks}).`),
        )
      }
    },
  },
  {
    inputs: ['accountable'],
    run: (r) => {
      if (r.accountable() === undefined) r.v.add('VAL1', 'accountable', text('Le responsable final doit être un membre.', 'The accountable must be a member.'))
    },
  },
  ...(['responsible', 'consulted', 'informed'] as const).map(
    (field): RuleGroup => ({
      inputs: [field],
      run: (r) => {
        const list = r.list(field)
        if (list === null) {
          r.v.add('VAL1', field, text(`Liste de membres invalide (au plus ${LIST_LIMITS[field]}).`, `Invalid list of members (at most ${LIST_LIMITS[field]}).`))
          return
        }
        if (new Set(list).size !== list.length) r.v.add('VAL7', field, text('Un membre figure deux fois dans la liste.', 'A member appears twice in the list.'))
        if (field === 'responsible') {
          if (list.some((id) => !r.canEdit(id))) {
            r.v.add(
              'VAL5',
              field,
              text(
                'Chaque réalisateur (R) doit être un membre actif qui peut modifier (pas observateur ni commentateur).',
                'Every responsible (R) must be an active member who can edit (not an observer or commenter).',
              ),
            )
          }
        } else if (list.some((id) => !r.ctx.workspace.members.has(id))) {
          r.v.add(
            'VAL6',
            field,
            text('Les consultés et informés doivent être membres de l’alliance.', 'Consulted and informed people must be members of the alliance.'),
          )
        }
      },
    }),
  ),
  {
    inputs: ['order'],
    run: (r) => {
      if (!isOrder(r.raw('order'))) r.v.add('VAL1', 'order', text('Position invalide dans le plan.', 'Invalid position in the plan.'))
    },
  },

  // ---- the objective served (OBJ8) ---------------------------------------------------------------------
  {
    inputs: ['objectiveId'],
    run: (r) => {
      const id = r.raw('objectiveId')
      // Absent in actions written before objectives could be pointed to: no objective yet.
      if (id === undefined || id === null) return
      if (!isRef(id)) {
        r.v.add('VAL1', 'objectiveId', text('Objectif invalide.', 'Invalid objective.'))
        return
      }
      const kind = r.ctx.objectiveKind?.(id)
      if (kind === undefined || kind === 'operational') return
      r.v.add(
        'OBJ8',
        'objectiveId',
        kind === 'strategic'
          ? text('Une action sert un objectif opérationnel, pas un objectif stratégique.', 'An action serves an operational objective, not a strategic one.')
          : text('Cet objectif n’existe pas dans le plan.', 'This objective is not in the plan.'),
      )
    },
  },

  // ---- RACI (VAL3–VAL7) -----------------------------------------------------------------------------
  {
    inputs: ['status', 'accountable'],
    run: (r) => {
      const status = r.status()
      if (status !== null && status !== 'proposed' && r.accountable() === null) {
        r.v.add(
          'VAL3',
          'accountable',
          text('Une action doit avoir exactement un responsable final (A).', 'An action must have exactly one accountable member (A).'),
          ['status', 'accountable'],
        )
      }
    },
  },
  {
    inputs: ['status', 'responsible'],
    run: (r) => {
      const status = r.status()
      if (status !== null && status !== 'proposed' && r.list('responsible')?.length === 0) {
        r.v.add('VAL4', 'responsible', text('Une action doit avoir au moins un réalisateur (R).', 'An action must have at least one responsible member (R).'), [
          'status',
          'responsible',
        ])
      }
    },
  },
  {
    inputs: ['accountable'],
    run: (r) => {
      const accountable = r.accountable()
      if (typeof accountable === 'string' && !r.canEdit(accountable)) {
        r.v.add(
          'VAL5',
          'accountable',
          text(
            'Le responsable final (A) doit être un membre actif qui peut modifier (pas observateur ni commentateur).',
            'The accountable (A) must be an active member who can edit (not an observer or commenter).',
          ),
        )
      }
    },
  },
  {
    inputs: ['accountable', 'responsible', 'consulted', 'informed'],
    run: (r) => {
      const responsible = r.list('responsible')
      const consulted = r.list('consulted')
      const informed = r.list('informed')
      if (responsible) {
        const doers = new Set(responsible)
        const accountable = r.accountable()
        if (typeof accountable === 'string') doers.add(accountable)
        for (const [field, list] of [
          ['consulted', consulted],
          ['informed', informed],
        ] as const) {
          if (list?.some((id) => doers.has(id))) {
            r.v.add(
              'VAL7',
              field,
              text(
                'Un membre consulté ou informé ne peut pas être aussi responsable final ou réalisateur.',
                'A consulted or informed member cannot also be accountable or responsible.',
              ),
              [field, 'responsible', 'accountable'],
            )
          }
        }
      }
      if (consulted && informed) {
        const set = new Set(consulted)
        if (informed.some((id) => set.has(id))) {
          r.v.add(
            'VAL7',
            'informed',
            text('Un membre consulté est déjà informé : ne l’inscrivez qu’une fois.', 'A consulted member is informed already: list them once.'),
            ['consulted', 'informed'],
          )
        }
      }
    },
  },

  // ---- dates (VAL8, VAL9) ---------------------------------------------------------------------------
  ...(['start', 'deadline'] as const).map(
    (field): RuleGroup => ({
      inputs: ['status', field],
      run: (r) => {
        // The status matters only when the date is missing.
        if (r.date(field) !== null) return
        const status = r.status()
        if (status === null || status === 'proposed') return
        r.v.add(
          'VAL8',
          field,
          field === 'start'
            ? text('Une action planifiée a une date de début.', 'A planned action has a start date.')
            : text('Une action planifiée a une échéance.', 'A planned action has a deadline.'),
          ['status', field],
        )
      },
    }),
  ),
  {
    inputs: ['start', 'deadline'],
    run: (r) => {
      const start = r.date('start')
      const deadline = r.date('deadline')
      if (start && deadline && start > deadline) {
        r.v.add('VAL8', 'deadline', text('L’échéance ne peut pas précéder le début.', 'The deadline cannot come before the start.'), ['start', 'deadline'])
      }
    },
  },
  {
    inputs: ['start', 'deadline', PERIOD_INPUT],
    run: (r) => {
      const { start: from, end: to } = r.period()
      if (!from && !to) return
      for (const field of ['start', 'deadline'] as const) {
        const date = r.date(field)
        if (date && ((from && date < from) || (to && date > to))) {
          r.v.add(
            'VAL9',
            field,
            text(
              `Cette date sort de la période du plan (${from ?? '…'} – ${to ?? '…'}).`,
              `This date is outside the plan’s period (${from ?? '…'} – ${to ?? '…'}).`,
            ),
            [field, PERIOD_INPUT],
          )
        }
      }
    },
  },

  // ---- milestones (VAL1, VAL2, VAL10, VAL12) --------------------------------------------------------
  {
    inputs: ['milestones', ...MILESTONE_INPUTS],
    run: (r) => {
      const milestones = r.scope('milestones', ['milestones'])
      if (milestones === null) {
        r.v.add('VAL1', 'milestones', text('Liste de jalons invalide.', 'Invalid list of milestones.'))
        return
      }
      for (const [id, raw] of milestones) {
        const where = `${r.v.entity}/milestones/${id}`
        const m = record(raw)
        if (m === null) {
          r.v.add('VAL1', 'milestones', text('Jalon invalide.', 'Invalid milestone.'), ['milestones'], where)
          continue
        }
        if (!isTitle(m.title, LIMITS.actionTitleLength)) {
          r.v.add(
            'VAL2',
            'title',
            text(
              `Le titre d’un jalon est obligatoire et fait au plus ${LIMITS.actionTitleLength} caractères.`,
              `A milestone needs a title of at most ${LIMITS.actionTitleLength} characters.`,
            ),
            ['milestones'],
            where,
          )
        }
        if (typeof m.done !== 'boolean') r.v.add('VAL1', 'done', text('« Atteint » vaut oui ou non.', '“Done” is yes or no.'), ['milestones'], where)
        if (!isOrder(m.order)) r.v.add('VAL1', 'order', text('Position de jalon invalide.', 'Invalid milestone position.'), ['milestones'], where)
        if (!isIsoDate(m.date))
          r.v.add('VAL1', 'date', text('Date de jalon invalide (AAAA-MM-JJ attendu).', 'Invalid milestone date (YYYY-MM-DD expected).'), ['milestones'], where)
        for (const key of Object.keys(m)) {
          if (!MILESTONE_KEYS.has(key)) r.v.add('VAL1', key, text('Champ de jalon inconnu.', 'Unknown milestone field.'), ['milestones'], where)
        }
      }
    },
  },
  {
    inputs: ['milestones', 'milestones.date', 'start', 'deadline'],
    run: (r) => {
      const start = r.date('start')
      const deadline = r.date('deadline')
      if (!start && !deadline) return
      const dates = r.changedOnly('milestones', ['milestones', 'start', 'deadline'])
        ? (r.scope('milestones', []) ?? []).map(([id, entry]): [string, unknown] => [id, record(entry)?.date])
        : (r.entryField('milestones', 'date') ?? [])
      for (const [id, date] of dates) {
        if (isIsoDate(date) && ((start && date < start) || (deadline && date > deadline))) {
          r.v.add(
            'VAL10',
            'date',
            text(
              `Le jalon doit être daté entre le début et l’échéance de l’action (${start ?? '…'} – ${deadline ?? '…'}).`,
              `The milestone must be dated between the action’s start and deadline (${start ?? '…'} – ${deadline ?? '…'}).`,
            ),
            ['milestones', 'start', 'deadline'],
            `${r.v.entity}/milestones/${id}`,
          )
        }
      }
    },
  },

  // ---- status consistency (VAL12, VAL13) ------------------------------------------------------------
  {
    inputs: ['status', 'progress'],
    run: (r) => {
      const progress = r.progress()
      if (r.status() === 'done' && progress !== null && progress !== 100) {
        r.v.add('VAL12', 'progress', text('Une action terminée est à 100 % d’avancement.', 'A done action is at 100 % progress.'), ['status', 'progress'])
      }
    },
  },
  {
    inputs: ['status', 'milestones', 'milestones.done'],
    run: (r) => {
      if (r.status() !== 'done') return
      const done = r.changedOnly('milestones', ['status', 'milestones'])
        ? (r.scope('milestones', []) ?? []).map(([id, entry]): [string, unknown] => [id, record(entry)?.done])
        : r.entryField('milestones', 'done')
      if (done?.some(([, value]) => value !== true)) {
        r.v.add('VAL12', 'milestones', text('Une action terminée a tous ses jalons atteints.', 'A done action has every milestone done.'), [
          'status',
          'milestones',
        ])
      }
    },
  },
  {
    inputs: ['status', 'blockedReason'],
    run: (r) => {
      const reason = r.raw('blockedReason')
      if (r.status() === 'blocked' && (typeof reason !== 'string' || reason.trim() === '')) {
        r.v.add(
          'VAL13',
          'blockedReason',
          text('Une action bloquée doit indiquer le motif du blocage.', 'A blocked action must give the reason it is blocked.'),
          ['status', 'blockedReason'],
        )
      }
    },
  },

  // ---- resources (VAL14) ----------------------------------------------------------------------------
  {
    inputs: ['resources', ...RESOURCE_INPUTS],
    run: (r) => {
      const resources = r.scope('resources', ['resources'])
      if (resources === null) {
        r.v.add('VAL14', 'resources', text('Liste de ressources invalide.', 'Invalid list of resources.'))
        return
      }
      for (const [id, raw] of resources) {
        const where = `${r.v.entity}/resources/${id}`
        const res = record(raw)
        if (res === null) {
          r.v.add('VAL14', 'resources', text('Ressource invalide.', 'Invalid resource.'), ['resources'], where)
          continue
        }
        if (!isTitle(res.label, LIMITS.actionTitleLength))
          r.v.add('VAL14', 'label', text('Une ressource a un libellé.', 'A resource has a label.'), ['resources'], where)
        if (typeof res.amount !== 'number' || !Number.isFinite(res.amount) || res.amount < 0) {
          r.v.add(
            'VAL14',
            'amount',
            text('Le montant d’une ressource est un nombre positif ou nul.', 'A resource amount is a number of zero or more.'),
            ['resources'],
            where,
          )
        }
        if (!(RESOURCE_UNITS as readonly unknown[]).includes(res.unit))
          r.v.add('VAL14', 'unit', text('Unité de ressource inconnue.', 'Unknown resource unit.'), ['resources'], where)
        if (!isRef(res.partnerId) || !r.ctx.workspace.partners.has(res.partnerId)) {
          r.v.add(
            'VAL14',
            'partnerId',
            text('Une ressource est apportée par un partenaire de l’alliance.', 'A resource is brought by a partner of the alliance.'),
            ['resources'],
            where,
          )
        }
        for (const key of Object.keys(res)) {
          if (!RESOURCE_KEYS.has(key)) r.v.add('VAL14', key, text('Champ de ressource inconnu.', 'Unknown resource field.'), ['resources'], where)
        }
      }
    },
  },
]

/**
 * Every rule of docs/RULES.md about one action (VAL1–VAL14), as a list of violations (empty when the
 * action is valid). Pure and cheap; the client calls it before writing. `entity` names the action in
 * the violations (e.g. `actions/a1`). Text fields may be strings or Y.Texts.
 */
export function validateAction(action: ActionLike, ctx: ActionRuleContext, entity = 'action'): RuleViolation[] {
  return validateActionView({ get: (field) => action[field] }, ctx, entity)
}

/**
 * The rules that depend on the `changed` fields only (all of them when `changed` is omitted, e.g. for
 * a new action), reading only the fields those rules need: what the server runs after an edit, so
 * its cost follows the edit. Include PERIOD_INPUT among `changed` when the plan's period changed;
 * for changes inside milestones or resources, give `milestones.<key>` inputs (entryInput) and the
 * entries concerned in `changedEntries`, and only those entries are judged.
 */
export function validateActionView(
  view: ActionView,
  ctx: ActionRuleContext,
  entity = 'action',
  changed?: Iterable<string>,
  changedEntries?: ChangedEntries,
): RuleViolation[] {
  if (changed === undefined) {
    const reader = new Reader(view, ctx, new Violations(entity))
    for (const group of GROUPS) group.run(reader)
    return reader.v.list
  }
  const inputs = changed instanceof Set ? (changed as ReadonlySet<string>) : new Set(changed)
  const reader = new Reader(view, ctx, new Violations(entity), inputs, changedEntries)
  // The groups reading a changed field, each once, in their declared order.
  let mask = 0
  for (const field of inputs) mask |= GROUP_MASKS.get(field) ?? 0
  for (let index = 0; mask !== 0; index++, mask >>>= 1) if (mask & 1) GROUPS[index]!.run(reader)
  return reader.v.list
}

/** Input field → bit mask of the groups that read it (bit i = GROUPS[i]; fewer than 32 groups). */
const GROUP_MASKS: ReadonlyMap<string, number> = (() => {
  if (GROUPS.length > 31) throw new Error('too many rule groups for a 32-bit mask')
  const masks = new Map<string, number>()
  GROUPS.forEach((group, i) => {
    for (const input of group.inputs) masks.set(input, (masks.get(input) ?? 0) | (1 << i))
  })
  return masks
})()

/** The top-level fields a violation depends on (see RuleViolation.inputs). */
export const violationInputs = (violation: RuleViolation): readonly string[] => violation.inputs ?? (violation.field ? [violation.field] : [])
