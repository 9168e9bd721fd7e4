/** Strings of the charter's adoption rules, the exports, the articles of a round and the audit warning (spread into fr.ts and en.ts). */
export const fr = {
  signoffArticles: {
    title: 'Article par article',
    summary: '{{asked}} article(s) sur {{count}} à approuver dans ce tour.',
    loading: 'Chargement des articles…',
    untitled: 'Début du texte',
    statuses: { unchanged: 'inchangé', changed: 'modifié', added: 'nouveau', removed: 'supprimé' },
    needsApproval: 'à approuver',
    kept: 'approbations conservées de la version adoptée',
    approvedBy: 'Approuvé par : {{names}}',
    noApproval: 'Aucune approbation pour l’instant.',
    approve: 'Approuver l’article',
    showText: 'Texte et changements',
    partial: '{{approved}} article(s) sur {{count}} pour l’instant',
    copyHash: 'Copier l’empreinte',
    hashCopied: 'Empreinte copiée.',
  },
  signoffExports: {
    docx: 'Télécharger en DOCX (Word)',
    draft: 'Exporter le projet (non adopté) :',
    unavailable: 'Exports indisponibles : le texte adopté ou ses signatures ne correspondent plus au journal d’audit scellé.',
  },
  signoffAudit: {
    warning: 'Attention : les données enregistrées de ce tour ne correspondent pas au journal d’audit scellé.',
    explanation:
      'Le tour est affiché tel que le journal scellé l’atteste. Les différences ci-dessous ont été introduites hors d’Ensemble ; signalez-les à l’hébergeur.',
  },
  adoptionRules: {
    legend: 'Règles d’adoption fixées par la charte',
    help: 'Chaque proposition garde la règle en vigueur au moment où elle est envoyée aux partenaires.',
    ruleFor: 'Règle d’adoption : {{document}}',
    roundRule: 'Règle de ce tour : {{rule}}',
    locked: 'La charte est adoptée : ses règles d’adoption ne changent que par avenant.',
    documents: { vision: 'Vision partagée', charter: 'Charte partenariale', agreement: 'Accord de consortium', convention: 'Convention de partenariat' },
  },
}

export const en: typeof fr = {
  signoffArticles: {
    title: 'Article by article',
    summary: '{{asked}} of {{count}} article(s) to approve in this round.',
    loading: 'Loading the articles…',
    untitled: 'Start of the text',
    statuses: { unchanged: 'unchanged', changed: 'changed', added: 'new', removed: 'removed' },
    needsApproval: 'to approve',
    kept: 'approvals kept from the adopted version',
    approvedBy: 'Approved by: {{names}}',
    noApproval: 'No approval yet.',
    approve: 'Approve the article',
    showText: 'Text and changes',
    partial: '{{approved}} of {{count}} article(s) so far',
    copyHash: 'Copy the hash',
    hashCopied: 'Hash copied.',
  },
  signoffExports: {
    docx: 'Download as DOCX (Word)',
    draft: 'Export the draft (not adopted):',
    unavailable: 'Exports unavailable: the adopted text or its signatures no longer match the sealed audit trail.',
  },
  signoffAudit: {
    warning: 'Warning: the stored data of this round does not match the sealed audit trail.',
    explanation: 'The round is shown as the sealed trail attests it. The differences below were made outside Ensemble; report them to the host.',
  },
  adoptionRules: {
    legend: 'Adoption rules set by the charter',
    help: 'Each proposal keeps the rule in force when it is sent to the partners.',
    ruleFor: 'Adoption rule: {{document}}',
    roundRule: 'Rule of this round: {{rule}}',
    locked: 'The charter is adopted: its adoption rules change only through an amendment.',
    documents: { vision: 'Shared vision', charter: 'Partnership charter', agreement: 'Consortium agreement', convention: 'Partnership agreement' },
  },
}
