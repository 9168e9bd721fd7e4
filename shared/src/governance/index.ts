/**
 * Governance in action (docs/SPEC.md, GOV): how a body votes (colleges, weights, proxies, quorum,
 * rules per decision type), who sits at a meeting, the quorum and the result of a vote. Pure.
 */
export * from './voting.ts'
export * from './attendance.ts'
export * from './problems.ts'
export * from './seating.ts'
export * from './quorum.ts'
export * from './votes.ts'
export * from './explain.ts'
export * from './validateVoting.ts'
export * from './meetings.ts'
export * from './agendaSuggestions.ts'
export * from './minutes.ts'
