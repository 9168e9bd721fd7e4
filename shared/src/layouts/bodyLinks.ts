import * as Y from 'yjs'

/**
 * Links from a rich-text document (the charter) to a governance body (GOV25): an ordinary link mark
 * whose href is the body's same-origin address on the governance page. The one internal href form
 * the rich-text rules accept besides http(s) and mailto.
 */
export const BODY_ANCHOR_PREFIX = 'instance-'

/** The id of a body card on the governance page, the hash of a link to it. */
export const bodyAnchorId = (bodyId: string): string => `${BODY_ANCHOR_PREFIX}${bodyId}`

/** The governance page's URL slug (client/src/features/workspaces/sections.ts). */
const GOVERNANCE_SLUG = 'gouvernance'
const BODY_LINK = /^\/alliances\/([A-Za-z0-9_-]{1,64})\/gouvernance#instance-([A-Za-z0-9_-]{1,64})$/

export const bodyLinkHref = (workspaceId: string, bodyId: string): string => `/alliances/${workspaceId}/${GOVERNANCE_SLUG}#${bodyAnchorId(bodyId)}`

/** The workspace and body a link points to, or null when the href is not a body link. */
export function parseBodyLink(href: unknown): { workspaceId: string; bodyId: string } | null {
  if (typeof href !== 'string') return null
  const m = BODY_LINK.exec(href)
  return m ? { workspaceId: m[1]!, bodyId: m[2]! } : null
}

/** One passage of the document that links to a body, with the heading of the section it sits in. */
export interface BodyLinkSite {
  workspaceId: string
  bodyId: string
  /** The text of the nearest heading before the passage, null before any heading. */
  heading: string | null
  /** The linked passage itself. */
  text: string
}

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

const plain = (text: Y.XmlText): string => (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')

/**
 * Every body link of a rich-text fragment, in document order, read without writing anything. A
 * section is what follows a heading (of any level) up to the next one, as the reader sees it.
 */
export function findBodyLinks(fragment: Y.XmlFragment): BodyLinkSite[] {
  const sites: BodyLinkSite[] = []
  let heading: string | null = null
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook): void => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as DeltaOp[]) {
        const link = op.attributes?.link as { href?: unknown } | undefined
        const target = parseBodyLink(link?.href)
        if (target && typeof op.insert === 'string') sites.push({ ...target, heading, text: op.insert })
      }
      return
    }
    if (!(node instanceof Y.XmlElement)) return
    if (node.nodeName === 'heading') {
      heading =
        node
          .toArray()
          .map((child) => (child instanceof Y.XmlText ? plain(child) : ''))
          .join('')
          .trim() || null
    }
    for (const child of node.toArray()) visit(child)
  }
  for (const child of fragment.toArray()) visit(child)
  return sites
}

/**
 * Body id → the heading of the first section that links to it (null: linked before any heading),
 * for the bodies of one alliance.
 */
export function bodyDefinitions(fragment: Y.XmlFragment, workspaceId: string): Map<string, string | null> {
  const definitions = new Map<string, string | null>()
  for (const site of findBodyLinks(fragment)) {
    if (site.workspaceId === workspaceId && !definitions.has(site.bodyId)) definitions.set(site.bodyId, site.heading)
  }
  return definitions
}
