/**
 * EDGE2: one vocabulary for decision rules. Governance bodies, meeting votes and sign-off rounds
 * name their rules from this one list (the rule keys of `VOTE_RULES` and `ADOPTION_RULES`); a
 * sign-off's `majority` (more than half of the partners) is the same rule as a vote's majority of members.
 */
export const fr = {
  decisionRules: {
    consensus: 'Consensus',
    unanimity: 'Unanimité',
    simple_majority: 'Majorité simple',
    majority_of_members: 'Majorité des membres',
    majority: 'Majorité des membres',
    two_thirds: 'Majorité des deux tiers',
  },
}

export const en: typeof fr = {
  decisionRules: {
    consensus: 'Consensus',
    unanimity: 'Unanimity',
    simple_majority: 'Simple majority',
    majority_of_members: 'Majority of members',
    majority: 'Majority of members',
    two_thirds: 'Two-thirds majority',
  },
}
