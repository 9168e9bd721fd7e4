/**
 * The rules on live edits (docs/RULES.md), the same code on the client (before writing) and on the
 * server (after applying each edit): permissions per field (`canEditActionField`…, on top of
 * `can()` in ../permissions.ts) and validation per entity (`validateAction`, `validateBody`…),
 * which return `RuleViolation[]` with bilingual messages.
 */
export * from './types.ts'
export * from './catalogue.ts'
export * from './actionPermissions.ts'
export * from './action.ts'
export * from './plan.ts'
export * from './body.ts'
export * from './documentMeta.ts'
export * from './richText.ts'
export * from './yShape.ts'
export * from './document.ts'
export * from './quick.ts'
export { isIsoDate } from './values.ts'
export * from './steeringContext.ts'
export * from './smart.ts'
export * from './onTrack.ts'
export * from './valueDue.ts'
export * from './objective.ts'
export * from './indicator.ts'
export * from './evaluationQuestion.ts'
export * from './steeringDocument.ts'
export * from './actionObjectives.ts'
export * from './balance.ts'
export * from './actionObjectiveMigration.ts'
export * from './planView.ts'
export * from './diagnostic.ts'
export * from './actor.ts'
