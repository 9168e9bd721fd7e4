/** The « Rapports » page (docs/SPEC.md EXP); spread into i18n/fr.ts and en.ts under `reports`. */
export const fr = {
  reports: {
    title: 'Rapports',
    intro:
      'Téléchargez le plan, les objectifs et les indicateurs pour un tableur, et le bilan annuel pour l’assemblée générale et les financeurs. Chaque fichier reprend ce que vous voyez dans Ensemble à l’instant du téléchargement.',
    tablesTitle: 'Tableaux',
    tablesHint:
      'CSV : pour Excel en français (séparateur « ; », virgule décimale, UTF-8). XLSX : un classeur, une feuille par tableau. Les cellules qui ressembleraient à une formule sont neutralisées par une apostrophe.',
    report: 'Tableau',
    contents: 'Contenu',
    download: 'Télécharger',
    tables: {
      plan: 'Plan d’action',
      objectives: 'Objectifs',
      indicators: 'Indicateurs et valeurs',
      balance: 'Équilibre entre partenaires',
    },
    tableContents: {
      plan: 'Les actions avec leur statut, leurs échéances, le RACI, les jalons et les ressources.',
      objectives: 'Les objectifs stratégiques et opérationnels, les lettres SMART manquantes et leur état.',
      indicators: 'Chaque valeur saisie (corrections comprises), qui l’a saisie et quand ; la définition des indicateurs.',
      balance: 'Par partenaire et par période : engagé, dû, déclaré et validé en euros, le ratio et le déséquilibre ; la participation.',
    },
    fileLabel: '{{report}} au format {{format}}',
    reviewTitle: 'Bilan annuel',
    reviewHint:
      'Page de titre, objectifs, indicateurs de l’année face à leur cible, actions réalisées, en cours et en retard, décisions de l’année. Au format Word (DOCX) ou PDF.',
    year: 'Année du bilan',
    reviewLabel: 'Bilan annuel {{year}} au format {{format}}',
    preparing: 'Préparation de {{file}}…',
    ready: '{{file}} est téléchargé.',
    failed: 'Le fichier {{file}} n’a pas pu être préparé : {{reason}}',
  },
}

export const en: typeof fr = {
  reports: {
    title: 'Reports',
    intro:
      'Download the plan, the objectives and the indicators for a spreadsheet, and the annual review for the general assembly and funders. Each file holds what you see in Ensemble at the moment of the download.',
    tablesTitle: 'Tables',
    tablesHint:
      'CSV: for French-locale Excel (“;” separator, decimal comma, UTF-8). XLSX: one workbook, one sheet per table. Cells that would look like a formula are neutralised with an apostrophe.',
    report: 'Table',
    contents: 'Contents',
    download: 'Download',
    tables: {
      plan: 'Action plan',
      objectives: 'Objectives',
      indicators: 'Indicators and values',
      balance: 'Balance between partners',
    },
    tableContents: {
      plan: 'Actions with their status, deadlines, RACI, milestones and resources.',
      objectives: 'Strategic and operational objectives, missing SMART letters and their standing.',
      indicators: 'Every value entered (corrections included), who entered it and when; the indicators’ definitions.',
      balance: 'Per partner and period: committed, due, declared and validated euros, the ratio and the imbalance; participation.',
    },
    fileLabel: '{{report}} as {{format}}',
    reviewTitle: 'Annual review',
    reviewHint:
      'Title page, objectives, the year’s indicators against their target, actions done, in progress and late, the year’s decisions. As Word (DOCX) or PDF.',
    year: 'Year of the review',
    reviewLabel: 'Annual review {{year}} as {{format}}',
    preparing: 'Preparing {{file}}…',
    ready: '{{file}} is downloaded.',
    failed: '{{file}} could not be prepared: {{reason}}',
  },
}
