import type { AttendanceEntry } from './attendance.ts'
import { isIn } from './attendance.ts'
import { type GovProblem, problem } from './problems.ts'
import { type College, collegesOf, type VotingBody, votingOf } from './voting.ts'

/** A seat of a body and who holds it at a meeting. */
export interface Seat {
  collegeId: string
  partnerId: string
  /** The member sitting in it, or null when the partner sent fewer members than it has seats. */
  memberId: string | null
}

export interface Seating {
  colleges: readonly College[]
  seats: readonly Seat[]
  /** memberId → index in `seats`. */
  seatOf: ReadonlyMap<string, number>
  attendance: ReadonlyMap<string, AttendanceEntry>
  /** Accepted proxies: giver → holder (a seated member who is in, within the cap). */
  proxies: ReadonlyMap<string, string>
  /** Proxies refused (GOV4): to oneself, to someone absent or without a seat, beyond the cap. */
  problems: readonly GovProblem[]
}

/**
 * Who sits where: each partner's members fill its seats in attendance order, college after college
 * (a partner with 2 seats in one college and 1 in another seats its first two members in the first).
 * Members beyond their partner's seats, or of a partner without seats, hold no seat.
 */
export function seat(body: VotingBody, attendance: readonly AttendanceEntry[]): Seating {
  const colleges = collegesOf(body)
  const byPartner = new Map<string, AttendanceEntry[]>()
  const byMember = new Map<string, AttendanceEntry>()
  for (const entry of attendance) {
    if (byMember.has(entry.memberId)) continue
    byMember.set(entry.memberId, entry)
    if (entry.partnerId === null) continue
    const list = byPartner.get(entry.partnerId) ?? []
    list.push(entry)
    byPartner.set(entry.partnerId, list)
  }
  const seats: Seat[] = []
  const seatOf = new Map<string, number>()
  const next = new Map<string, number>()
  for (const college of colleges) {
    for (const [partnerId, count] of Object.entries(college.seats)) {
      const members = byPartner.get(partnerId) ?? []
      for (let i = 0; i < count; i++) {
        const k = next.get(partnerId) ?? 0
        const member = members[k]
        next.set(partnerId, k + 1)
        if (member) seatOf.set(member.memberId, seats.length)
        seats.push({ collegeId: college.id, partnerId, memberId: member?.memberId ?? null })
      }
    }
  }
  const { proxies, problems } = acceptProxies(byMember, seatOf, votingOf(body).maxProxies)
  return { colleges, seats, seatOf, attendance: byMember, proxies, problems }
}

/** Proxies in attendance order; a holder's proxies beyond `maxProxies` are refused, not silently kept. */
function acceptProxies(
  byMember: ReadonlyMap<string, AttendanceEntry>,
  seatOf: ReadonlyMap<string, number>,
  maxProxies: number,
): { proxies: Map<string, string>; problems: GovProblem[] } {
  const proxies = new Map<string, string>()
  const held = new Map<string, number>()
  const problems: GovProblem[] = []
  for (const entry of byMember.values()) {
    if (entry.status !== 'proxy' || !seatOf.has(entry.memberId)) continue
    const holder = entry.proxyTo ? byMember.get(entry.proxyTo) : undefined
    if (!holder || holder.memberId === entry.memberId || !isIn(holder.status) || !seatOf.has(holder.memberId)) {
      problems.push(
        problem(
          'proxy_invalid',
          'GOV4',
          'Une procuration se donne à un membre présent (ou à distance) qui siège, jamais à soi-même.',
          'A proxy goes to a seated member who is present (or remote), never to oneself.',
          entry.memberId,
        ),
      )
      continue
    }
    const count = held.get(holder.memberId) ?? 0
    if (count >= maxProxies) {
      problems.push(
        problem(
          'proxy_cap_exceeded',
          'GOV4',
          `Un membre détient au plus ${maxProxies} procuration(s).`,
          `A member holds at most ${maxProxies} prox${maxProxies === 1 ? 'y' : 'ies'}.`,
          entry.memberId,
        ),
      )
      continue
    }
    held.set(holder.memberId, count + 1)
    proxies.set(entry.memberId, holder.memberId)
  }
  return { proxies, problems }
}

/** How a seat is taken at the meeting: in person or remotely, by proxy to a member who is in, or not at all. */
export function seatPresence(seating: Seating, s: Seat): 'present' | 'represented' | 'absent' {
  if (s.memberId === null) return 'absent'
  const entry = seating.attendance.get(s.memberId)!
  if (isIn(entry.status)) return 'present'
  return seating.proxies.has(s.memberId) ? 'represented' : 'absent'
}
