import type { RichTextContent } from '../richText.ts'

/** La vision partagée de l’alliance de démonstration (document `vision`). */
export const vision: RichTextContent = {
  title: 'Vision partagée 2026–2030',
  blocks: [
    { type: 'heading', level: 1, text: 'Vision partagée de l’Alliance Océans Hauts-de-France' },
    {
      type: 'paragraph',
      text: 'Ce texte dit pourquoi nous, cinq organisations que rien n’obligeait à travailler ensemble, avons choisi de faire alliance autour du littoral boulonnais. Il a été écrit à plusieurs mains pendant l’hiver 2025, à partir des diagnostics internes de chaque partenaire. Il sert de boussole : chaque action du plan doit pouvoir s’y rattacher.',
    },
    { type: 'heading', level: 2, text: 'Le constat que nous partageons' },
    {
      type: 'paragraph',
      text: 'De la baie de Canche au cap Gris-Nez, la côte d’Opale vit de la mer : pêche artisanale, mareyage et transformation des produits de la mer à Capécure, tourisme des plages et des falaises, ports de plaisance. Cette économie dépend d’écosystèmes fragiles — dunes, estrans rocheux, herbiers, nourriceries de poissons plats — que l’érosion, les déchets et la pression de fréquentation abîment d’année en année.',
    },
    {
      type: 'paragraph',
      text: 'Chacun de nous agit déjà, mais séparément. L’association fait découvrir l’estran à des milliers d’enfants sans pouvoir mesurer ce qu’ils en retiennent. L’agglomération entretient les dunes et les plages sans données fines sur leur évolution. L’entreprise cherche à réduire ses emballages plastiques sans filière locale pour les recycler. Le laboratoire produit des connaissances qui restent trop souvent dans les revues. La fondation finance des projets qui s’arrêtent quand la subvention prend fin.',
    },
    {
      type: 'paragraph',
      text: 'Aucun de ces problèmes ne se règle à l’échelle d’une seule organisation. Ensemble, nous réunissons l’ancrage de terrain, la légitimité publique, la capacité d’innovation d’une filière économique, la rigueur scientifique et des moyens d’expérimentation : c’est la complémentarité que nous venons chercher.',
    },
    { type: 'heading', level: 2, text: 'Notre ambition à l’horizon 2030' },
    {
      type: 'blockquote',
      paragraphs: [
        '**En 2030, le littoral boulonnais est un territoire où habitants, professionnels de la mer et décideurs connaissent l’état de leurs milieux marins, en prennent soin ensemble et en vivent durablement.**',
      ],
    },
    {
      type: 'paragraph',
      text: 'Concrètement, nous voulons qu’à cette date chaque élève du Boulonnais ait vécu au moins une sortie pédagogique sur l’estran, que la filière des produits de la mer dispose d’une solution locale pour ses déchets plastiques, et que l’état de santé de nos côtes soit suivi, publié et compris de tous.',
    },
    { type: 'heading', level: 2, text: 'Ce que chaque famille d’acteurs apporte' },
    {
      type: 'bulletList',
      items: [
        '**Les pairs** — l’Association Estran Vivant apporte sa connaissance fine des publics, ses animateurs nature et son réseau de bénévoles ; elle coordonne l’alliance.',
        '**Les acteurs publics** — la Communauté d’agglomération du Boulonnais apporte l’appui politique, l’ingénierie territoriale et la gestion des espaces naturels ; le laboratoire LiLES apporte la recherche, les protocoles de suivi et la formation.',
        '**Les acteurs privés** — Marée d’Opale apporte la connaissance des flux de la filière et un terrain d’expérimentation ; la Fondation Littoral Solidaire finance l’amorçage et l’évaluation des actions innovantes.',
      ],
    },
    { type: 'heading', level: 2, text: 'Nos objectifs stratégiques' },
    {
      type: 'orderedList',
      items: [
        'Faire de la connaissance du milieu marin une culture partagée par les habitants, de l’école aux professionnels.',
        'Réduire l’empreinte de la filière des produits de la mer sur le littoral, en commençant par les plastiques.',
        'Construire un observatoire commun de l’état du littoral, ouvert et mis à jour régulièrement.',
        'Faire monter en compétences les acteurs qui gèrent et exploitent le littoral au quotidien.',
      ],
    },
    {
      type: 'paragraph',
      text: 'Ces objectifs stratégiques sont déclinés en objectifs opérationnels SMART dans le plan d’action, avec leurs indicateurs de moyens, d’activités, de résultats et d’impact.',
    },
    { type: 'heading', level: 2, text: 'Notre manière de faire ensemble' },
    {
      type: 'paragraph',
      text: 'Nous avançons par l’expérimentation : tester petit, mesurer, puis essaimer ce qui marche. Nous décidons au plus près du terrain et réservons au comité de pilotage les arbitrages qui engagent l’alliance. Nous rendons compte de ce que nous faisons, y compris de nos échecs, et nous veillons à ce que la visibilité de l’alliance ne se fasse jamais au détriment de l’identité de chacun de ses membres.',
    },
    {
      type: 'paragraph',
      text: 'Notre démarche s’inspire des travaux sur les alliances d’intérêt général, notamment ceux de [Le RAMEAU](https://www.lerameau.fr), et de la méthode de construction en cinq étapes : diagnostic interne, formalisation du projet, choix des partenaires, formalisation contractuelle et conditions de la collaboration.',
    },
    {
      type: 'paragraph',
      text: '_Texte de travail — version proposée au comité de pilotage, à amender avant adoption par l’assemblée générale._',
    },
  ],
}
