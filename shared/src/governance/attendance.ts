import { z } from 'zod'

export const ATTENDANCE_STATUSES = ['present', 'remote', 'absent', 'proxy'] as const
export const attendanceStatusSchema = z.enum(ATTENDANCE_STATUSES)
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>

/**
 * One member's attendance at a meeting. `partnerId` is the partner the member sits for (from SQL);
 * `proxyTo` is the member holding this member's proxy when `status` is `proxy`.
 */
export interface AttendanceEntry {
  memberId: string
  partnerId: string | null
  status: AttendanceStatus
  proxyTo?: string | null
}

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const
export const voteChoiceSchema = z.enum(VOTE_CHOICES)
export type VoteChoice = z.infer<typeof voteChoiceSchema>

/** A ballot: `voterId` casts it in the name of `forId` (themselves, or a member whose proxy they hold). */
export interface Ballot {
  voterId: string
  forId: string
  choice: VoteChoice
}

export const isIn = (status: AttendanceStatus): boolean => status === 'present' || status === 'remote'
