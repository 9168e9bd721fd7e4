import type { RichTextDocName } from '@ensemble/shared'

/**
 * The pages of an alliance, with their French URL slugs. Rich-text sections name the Yjs document
 * they edit.
 */
export type SectionKey =
  | 'vision'
  | 'charter'
  | 'agreement'
  | 'convention'
  | 'diagnostic'
  | 'plan'
  | 'objectives'
  | 'balance'
  | 'actors'
  | 'reports'
  | 'governance'
  | 'meetings'
  | 'members'

export interface Section {
  key: SectionKey
  slug: string
  group: 'documents' | 'steering'
  doc?: RichTextDocName
}

export const SECTIONS: readonly Section[] = [
  { key: 'vision', slug: 'vision', group: 'documents', doc: 'vision' },
  { key: 'charter', slug: 'charte', group: 'documents', doc: 'charter' },
  { key: 'agreement', slug: 'accord', group: 'documents', doc: 'agreement' },
  { key: 'convention', slug: 'convention', group: 'documents', doc: 'convention' },
  { key: 'diagnostic', slug: 'diagnostic', group: 'steering' },
  { key: 'plan', slug: 'plan', group: 'steering' },
  { key: 'objectives', slug: 'objectifs', group: 'steering' },
  { key: 'balance', slug: 'equilibre', group: 'steering' },
  { key: 'actors', slug: 'acteurs', group: 'steering' },
  { key: 'reports', slug: 'rapports', group: 'steering' },
  { key: 'governance', slug: 'gouvernance', group: 'steering' },
  { key: 'meetings', slug: 'reunions', group: 'steering' },
  { key: 'members', slug: 'membres', group: 'steering' },
]

export const sectionBySlug = (slug: string): Section | undefined => SECTIONS.find((s) => s.slug === slug)

export const workspaceUrl = (workspaceId: string, section?: Section): string =>
  `/alliances/${encodeURIComponent(workspaceId)}${section ? `/${section.slug}` : ''}`
