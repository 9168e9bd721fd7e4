import { lazyPage } from './lazyPage.ts'

// The rich-text editor (TipTap, ProseMirror) is most of the code: a document's page shows its text
// without it first (DocumentPage.tsx), then loads this chunk.
export const documentWorkArea = lazyPage(() => import('./features/documents/DocumentWorkArea.tsx').then((m) => m.DocumentWorkArea))
// Meeting mode embeds the same editor for the minutes.
export const meetingsPage = lazyPage(() => import('./features/meetings/MeetingsPage.tsx').then((m) => m.MeetingsPage))
// Objectives and indicators (issue 18): a page of its own, loaded when opened.
export const objectivesPage = lazyPage(() => import('./features/objectives/ObjectivesPage.tsx').then((m) => m.ObjectivesPage))
// The partners' balance (issue 18, item 5): a page of its own, loaded when opened.
export const balancePage = lazyPage(() => import('./features/balance/BalancePage.tsx').then((m) => m.BalancePage))
// The dashboard's indicator charts (visx, DASH9): drawn once the page's text is on screen.
export const indicatorChart = lazyPage(() => import('./features/dashboard/IndicatorChart.tsx').then((m) => m.IndicatorChart))
// « Diagnostic et projet » (issue 20, items 2 and 3): a page of its own, loaded when opened.
export const diagnosticPage = lazyPage(() => import('./features/diagnostic/DiagnosticPage.tsx').then((m) => m.DiagnosticPage))
// The partners' balance as bars (visx, DASH12), in its own chunk as well.
export const balanceChart = lazyPage(() => import('./features/dashboard/BalanceChart.tsx').then((m) => m.BalanceChart))
// The map of actors (issue 20, item 4): a page of its own, loaded when opened.
export const actorsPage = lazyPage(() => import('./features/actors/ActorsPage.tsx').then((m) => m.ActorsPage))
