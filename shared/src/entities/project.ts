import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { projectFigureSchema } from './projectFigure.ts'

/**
 * The formalised project (docs/SPEC.md PROJ, step 2 of building an alliance): the social need, its
 * quantification, why a collective answer is needed, the beneficiaries involved, and a quote of the
 * shared vision it answers. Plain fields of the diagnostic document's `project` map, steering's to write.
 */
export const projectSchema = z
  .object({
    socialNeed: z.string().max(LIMITS.textFieldLength),
    figures: z.array(projectFigureSchema).max(LIMITS.maxProjectEntries),
    whyCollective: z.string().max(LIMITS.textFieldLength),
    beneficiaries: z.array(z.string().trim().min(1).max(LIMITS.shortTextLength)).max(LIMITS.maxProjectEntries),
    visionQuote: z.string().max(LIMITS.textFieldLength),
  })
  .strict()
export type Project = z.infer<typeof projectSchema>

export const PROJECT_FIELDS = ['socialNeed', 'figures', 'whyCollective', 'beneficiaries', 'visionQuote'] as const satisfies readonly (keyof Project)[]

export const EMPTY_PROJECT: Project = Object.freeze({ socialNeed: '', figures: [], whyCollective: '', beneficiaries: [], visionQuote: '' }) as Project
