import type { RichTextContent } from '../richText.ts'

/** L’accord de consortium : comment le consortium fonctionne (document `agreement`). */
export const agreement: RichTextContent = {
  title: 'Accord de consortium',
  blocks: [
    { type: 'heading', level: 1, text: 'Accord de consortium — Alliance Océans Hauts-de-France' },
    {
      type: 'paragraph',
      text: '_Projet d’accord soumis à la relecture des représentants des partenaires. Les montants de l’article 5 sont ceux validés par le comité de pilotage du 12 janvier 2026._',
    },
    { type: 'heading', level: 2, text: 'Préambule' },
    {
      type: 'paragraph',
      text: 'Les partenaires signataires partagent la vision d’un littoral boulonnais connu, protégé et source d’activités durables, telle que formulée dans la vision partagée de l’alliance. Ils ont adhéré à la charte partenariale et précisé leurs engagements respectifs dans la convention de partenariat. Le présent accord organise le fonctionnement collectif du consortium : qui en est membre, comment il décide, avec quels moyens et selon quel calendrier.',
    },
    { type: 'heading', level: 2, text: 'Article 1 — Objet' },
    {
      type: 'paragraph',
      text: 'Le présent accord a pour objet de définir les règles de fonctionnement du consortium constitué pour mettre en œuvre le plan d’action 2026–2028 de l’Alliance Océans Hauts-de-France. Le consortium n’a pas de personnalité morale ; chaque partenaire reste responsable des actions qu’il conduit et des personnes qu’il emploie.',
    },
    { type: 'heading', level: 2, text: 'Article 2 — Membres du consortium' },
    { type: 'paragraph', text: 'Le consortium réunit, à la date de signature :' },
    {
      type: 'bulletList',
      items: [
        '**Association Estran Vivant**, association d’éducation à l’environnement littoral, coordinatrice du consortium ;',
        '**Communauté d’agglomération du Boulonnais**, collectivité territoriale ;',
        '**Marée d’Opale**, entreprise de mareyage et de transformation des produits de la mer ;',
        '**Fondation Littoral Solidaire**, fondation abritée soutenant les projets d’innovation sociale et environnementale sur la côte d’Opale ;',
        '**Laboratoire LiLES (Littoral, Environnement et Sociétés)**, laboratoire universitaire de recherche.',
      ],
    },
    {
      type: 'paragraph',
      text: 'Chaque membre désigne un représentant titulaire et un suppléant. Le représentant engage son organisation dans les instances du consortium et signe, pour elle, les versions adoptées des documents communs.',
    },
    { type: 'heading', level: 2, text: 'Article 3 — Gouvernance collective' },
    { type: 'paragraph', text: 'Le consortium s’organise en quatre instances, à trois niveaux de pilotage :' },
    {
      type: 'orderedList',
      items: [
        '**L’assemblée générale** (pilotage stratégique) réunit deux représentants par membre. Elle adopte la vision, la charte, le présent accord et leurs avenants, le budget annuel et le bilan. Elle se réunit au moins une fois par an et décide à la majorité des deux tiers des sièges présents ou représentés, un quorum de six sièges sur dix étant requis.',
        '**Le comité de pilotage** (pilotage stratégique) réunit un représentant par membre, chaque mois. Il suit le plan d’action, arbitre les priorités, valide les engagements de dépenses supérieurs à 5 000 € et décide à la majorité simple. Il est présidé par la coordinatrice de l’alliance.',
        '**Le comité technique** (pilotage opérationnel) réunit les chefs de projet des actions. Il prépare les décisions du comité de pilotage et coordonne le calendrier opérationnel. Il recherche le consensus.',
        '**Les groupes de travail** (pilotage fonctionnel) sont créés par le comité de pilotage pour une mission et une durée déterminées. Le premier d’entre eux porte sur l’observatoire du littoral et les sciences participatives.',
      ],
    },
    {
      type: 'paragraph',
      text: 'Chaque instance tient un relevé de décisions accessible à tous les membres. Un membre empêché peut donner procuration à un autre membre ; nul ne peut détenir plus d’une procuration.',
    },
    { type: 'heading', level: 2, text: 'Article 4 — Calendrier' },
    {
      type: 'paragraph',
      text: 'Le consortium est constitué pour la durée du plan d’action, du 1er janvier 2026 au 31 décembre 2028. Les grandes étapes sont les suivantes :',
    },
    {
      type: 'bulletList',
      items: [
        '**1er semestre 2026** : diagnostics partagés, cartographie des acteurs, lancement des premières actions pédagogiques ;',
        '**2026–2027** : expérimentations (classes de mer, pilote d’emballages réutilisables, protocole de suivi des sites) ;',
        '**fin 2027** : évaluation à mi-parcours présentée à l’assemblée générale ;',
        '**2028** : essaimage des actions concluantes et préparation de la phase suivante.',
      ],
    },
    { type: 'heading', level: 2, text: 'Article 5 — Dispositions financières' },
    {
      type: 'paragraph',
      text: 'Chaque membre contribue au consortium par des apports financiers et des apports en nature (temps de travail, locaux, matériel). Les apports en nature sont valorisés à 300 € par jour-homme. Les contributions prévues pour la durée de l’accord sont les suivantes :',
    },
    {
      type: 'table',
      header: ['Partenaire', 'Apport financier', 'Apport en nature', 'Total valorisé'],
      rows: [
        ['Association Estran Vivant', '15 000 €', '180 jours-homme (54 000 €)', '69 000 €'],
        ['Communauté d’agglomération du Boulonnais', '120 000 €', '60 jours-homme (18 000 €)', '138 000 €'],
        ['Marée d’Opale', '45 000 €', '40 jours-homme (12 000 €)', '57 000 €'],
        ['Fondation Littoral Solidaire', '150 000 €', '—', '150 000 €'],
        ['Laboratoire LiLES', '10 000 €', '150 jours-homme (45 000 €)', '55 000 €'],
        ['**Total**', '**340 000 €**', '**430 jours-homme (129 000 €)**', '**469 000 €**'],
      ],
    },
    {
      type: 'paragraph',
      text: 'Les apports financiers sont versés à l’Association Estran Vivant, qui tient pour le consortium une comptabilité analytique distincte. Les dépenses sont engagées dans le respect du budget annuel adopté par l’assemblée générale ; tout engagement supérieur à 5 000 € requiert l’accord préalable du comité de pilotage. Un état des dépenses et des contributions est présenté à chaque comité de pilotage.',
    },
    {
      type: 'paragraph',
      text: 'Les cofinancements obtenus collectivement, notamment européens, sont affectés aux actions qu’ils visent et n’augmentent pas les contributions des membres. Les frais de coordination sont plafonnés à 8 % du budget total.',
    },
    { type: 'heading', level: 2, text: 'Article 6 — Propriété des résultats' },
    {
      type: 'paragraph',
      text: 'Chaque membre reste propriétaire des connaissances, outils et données qu’il détenait avant son entrée dans le consortium (connaissances antérieures). Il en concède aux autres membres un droit d’usage gratuit, limité aux besoins des actions communes et à la durée de l’accord.',
    },
    {
      type: 'paragraph',
      text: 'Les résultats produits en commun appartiennent conjointement aux membres qui y ont contribué. Les données de suivi du littoral, les supports pédagogiques et les rapports d’évaluation sont publiés sous licence ouverte ([Licence Ouverte Etalab 2.0](https://www.etalab.gouv.fr/licence-ouverte-open-licence/) pour les données, Creative Commons BY-SA pour les contenus). Les publications scientifiques mentionnent l’alliance et l’ensemble des contributeurs.',
    },
    { type: 'heading', level: 2, text: 'Article 7 — Confidentialité et communication' },
    {
      type: 'paragraph',
      text: 'Les informations commerciales communiquées par Marée d’Opale, notamment les volumes et les coûts de ses emballages, sont confidentielles et ne sont diffusées qu’agrégées. La communication externe suit les règles de la charte partenariale : elle se fait au nom de l’alliance et cite tous ses membres.',
    },
    { type: 'heading', level: 2, text: 'Article 8 — Entrée et sortie d’un membre' },
    {
      type: 'paragraph',
      text: 'L’entrée d’un nouveau membre est décidée par l’assemblée générale à la majorité des deux tiers, sur proposition du comité de pilotage. Le nouveau membre adhère à la charte partenariale et signe un avenant au présent accord précisant ses apports.',
    },
    {
      type: 'paragraph',
      text: 'Un membre peut se retirer du consortium à tout moment, par lettre adressée à la coordinatrice avec un préavis de trois mois. Il reste tenu des engagements pris pour les actions en cours jusqu’à la fin de l’exercice. Les apports déjà versés restent acquis au consortium ; les droits d’usage sur les résultats communs obtenus avant son départ lui restent acquis.',
    },
    {
      type: 'paragraph',
      text: 'En cas de manquement grave et répété à ses obligations, un membre peut être exclu par l’assemblée générale à la majorité des deux tiers, après avoir été entendu ; il ne prend pas part au vote.',
    },
    { type: 'heading', level: 2, text: 'Article 9 — Durée, avenants et litiges' },
    {
      type: 'paragraph',
      text: 'Le présent accord entre en vigueur à sa signature par l’ensemble des représentants et prend fin le 31 décembre 2028, sauf prolongation décidée par avenant. Toute modification fait l’objet d’un avenant adopté par l’assemblée générale. Les différends sont d’abord soumis à la médiation prévue par la charte ; à défaut de solution amiable dans un délai de deux mois, le tribunal compétent est celui de Boulogne-sur-Mer.',
    },
  ],
}
