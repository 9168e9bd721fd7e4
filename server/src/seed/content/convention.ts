import type { RichTextContent } from '../richText.ts'

/** La convention de partenariat : engagements stratégiques et opérationnels (document `convention`). */
export const convention: RichTextContent = {
  title: 'Convention de partenariat',
  blocks: [
    { type: 'heading', level: 1, text: 'Convention de partenariat' },
    {
      type: 'paragraph',
      text: 'Entre l’Association Estran Vivant, la Communauté d’agglomération du Boulonnais, Marée d’Opale, la Fondation Littoral Solidaire et le Laboratoire LiLES, ci-après « les partenaires ».',
    },
    { type: 'heading', level: 2, text: 'Article 1 — Objet de la convention' },
    {
      type: 'paragraph',
      text: 'La présente convention précise ce à quoi chaque partenaire s’engage pour réaliser la vision partagée de l’Alliance Océans Hauts-de-France : ses engagements stratégiques, qui disent pourquoi il participe et ce qu’il en attend, et ses engagements opérationnels, qui disent ce qu’il fait concrètement dans le plan d’action.',
    },
    { type: 'heading', level: 2, text: 'Article 2 — Engagements stratégiques' },
    {
      type: 'bulletList',
      items: [
        '**Association Estran Vivant** : porter la coordination de l’alliance et faire de l’éducation au littoral un pilier des politiques éducatives locales.',
        '**Communauté d’agglomération du Boulonnais** : inscrire les actions de l’alliance dans sa stratégie de gestion du trait de côte et dans son plan climat, et en faciliter l’accès aux sites publics.',
        '**Marée d’Opale** : engager sa démarche de responsabilité sociétale sur des résultats mesurés et entraîner d’autres entreprises de la filière à Capécure.',
        '**Fondation Littoral Solidaire** : financer l’expérimentation et l’évaluation, et aider l’alliance à trouver les relais de financement qui pérenniseront les actions réussies.',
        '**Laboratoire LiLES** : garantir la qualité scientifique des protocoles de suivi et ouvrir la recherche aux habitants par les sciences participatives.',
      ],
    },
    { type: 'heading', level: 2, text: 'Article 3 — Engagements opérationnels' },
    {
      type: 'paragraph',
      text: 'Chaque partenaire s’engage sur les actions du plan d’action dont il est responsable. À titre principal :',
    },
    {
      type: 'orderedList',
      items: [
        'L’association conçoit et anime les classes de mer, le kit pédagogique et la campagne grand public ; elle mobilise ses bénévoles pour les sciences participatives.',
        'L’agglomération met à disposition ses agents des espaces naturels, ses sites et ses données, et organise la formation de ses équipes techniques.',
        'Marée d’Opale ouvre ses ateliers pour l’audit des emballages, conduit le pilote de caisses réutilisables et partage ses données de volumes selon les règles de confidentialité de l’accord de consortium.',
        'La fondation instruit et verse les financements prévus, et participe au comité de pilotage.',
        'Le laboratoire rédige le protocole de suivi des sites, encadre la collecte des données et pilote l’évaluation à mi-parcours.',
      ],
    },
    { type: 'heading', level: 2, text: 'Article 4 — Suivi et évaluation' },
    {
      type: 'paragraph',
      text: 'L’avancement est suivi dans le plan d’action partagé, mis à jour par les responsables de chaque action. L’évaluation s’appuie sur quatre familles d’indicateurs :',
    },
    {
      type: 'bulletList',
      items: [
        '_indicateurs de moyens_ : sommes engagées, jours-homme mobilisés par partenaire ;',
        '_indicateurs d’activités_ : nombre de sorties pédagogiques, de sessions de formation, de relevés sur les sites ;',
        '_indicateurs de résultats_ : élèves et habitants sensibilisés, tonnes de plastique évitées, professionnels formés ;',
        '_indicateurs d’impact_ : évolution des connaissances et des pratiques, état écologique des sites suivis.',
      ],
    },
    {
      type: 'paragraph',
      text: 'Un bilan annuel est présenté à l’assemblée générale. L’évaluation à mi-parcours, fin 2027, répond à trois questions évaluatives : les actions touchent-elles les publics visés ? Les pratiques des professionnels changent-elles ? L’alliance produit-elle des résultats qu’aucun partenaire n’aurait obtenus seul ?',
    },
    { type: 'heading', level: 2, text: 'Article 5 — Durée et révision' },
    {
      type: 'paragraph',
      text: 'La convention est conclue pour la durée du plan d’action 2026–2028. Les engagements de chaque partenaire sont revus chaque année ; toute modification substantielle fait l’objet d’un avenant signé par les représentants de tous les partenaires.',
    },
  ],
}
