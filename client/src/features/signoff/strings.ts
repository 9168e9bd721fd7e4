/** Strings of the charter's adoption rules and the DOCX export (spread into fr.ts and en.ts). */
export const fr = {
  signoffExports: { docx: 'Télécharger en DOCX (Word)' },
  adoptionRules: {
    legend: 'Règles d’adoption fixées par la charte',
    help: 'Chaque proposition garde la règle en vigueur au moment où elle est envoyée aux partenaires.',
    ruleFor: 'Règle d’adoption : {{document}}',
    roundRule: 'Règle de ce tour : {{rule}}',
    locked: 'La charte est adoptée : ses règles d’adoption ne changent que par avenant.',
    documents: { vision: 'Vision partagée', charter: 'Charte partenariale', agreement: 'Accord de consortium', convention: 'Convention de partenariat' },
    rules: {
      unanimity: 'Unanimité des partenaires (une abstention bloque)',
      consensus: 'Consensus : aucune objection (les abstentions ne bloquent pas)',
      two_thirds: 'Deux tiers des partenaires',
      majority: 'Majorité des partenaires',
    },
  },
}

export const en: typeof fr = {
  signoffExports: { docx: 'Download as DOCX (Word)' },
  adoptionRules: {
    legend: 'Adoption rules set by the charter',
    help: 'Each proposal keeps the rule in force when it is sent to the partners.',
    ruleFor: 'Adoption rule: {{document}}',
    roundRule: 'Rule of this round: {{rule}}',
    locked: 'The charter is adopted: its adoption rules change only through an amendment.',
    documents: { vision: 'Shared vision', charter: 'Partnership charter', agreement: 'Consortium agreement', convention: 'Partnership agreement' },
    rules: {
      unanimity: 'Unanimity of partners (an abstention blocks)',
      consensus: 'Consensus: no objection (abstentions do not block)',
      two_thirds: 'Two thirds of partners',
      majority: 'Majority of partners',
    },
  },
}
