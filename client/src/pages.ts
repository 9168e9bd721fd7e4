import { lazyPage } from './lazyPage.ts'

// The rich-text editor (TipTap, ProseMirror) is most of the bundle: load it with the first document.
export const documentPage = lazyPage(() => import('./features/documents/DocumentPage.tsx').then((m) => m.DocumentPage))
// Meeting mode embeds the same editor for the minutes.
export const meetingsPage = lazyPage(() => import('./features/meetings/MeetingsPage.tsx').then((m) => m.MeetingsPage))
