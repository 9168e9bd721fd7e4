import type { RichTextContent } from '../richText.ts'
import type { BodyKey } from './governance.ts'

/**
 * La charte partenariale : valeurs, éthique, règles de conduite et instances (document `charter`).
 * Its governance section links to the seeded bodies, whose addresses are known only at seeding.
 */
export const charter = (bodyHref: (key: BodyKey) => string): RichTextContent => ({
  title: 'Charte partenariale',
  blocks: [
    { type: 'heading', level: 1, text: 'Charte partenariale de l’Alliance Océans Hauts-de-France' },
    {
      type: 'paragraph',
      text: 'La présente charte fixe l’esprit dans lequel les partenaires travaillent ensemble. Elle ne crée pas d’obligation financière : celles-ci relèvent de l’accord de consortium et de la convention de partenariat. Elle engage en revanche chaque membre, et chacune des personnes qui le représentent, sur des valeurs et des comportements.',
    },
    { type: 'heading', level: 2, text: '1. Nos valeurs communes' },
    {
      type: 'bulletList',
      items: [
        '**L’intérêt général d’abord** : l’alliance sert le littoral et ceux qui en vivent, avant les intérêts particuliers de ses membres.',
        '**La confiance** : chacun partage ce qu’il sait, y compris ses difficultés, et suppose la bonne foi des autres.',
        '**L’équité** : la voix d’une petite association compte autant que celle d’une collectivité ou d’une entreprise dans les décisions communes.',
        '**La sobriété** : nous préférons des actions utiles et mesurées à des annonces spectaculaires.',
        '**La transparence** : décisions, budgets et résultats sont accessibles à tous les membres.',
      ],
    },
    { type: 'heading', level: 2, text: '2. Engagements éthiques' },
    {
      type: 'paragraph',
      text: 'Les partenaires s’engagent à ne pas utiliser l’alliance à des fins de promotion commerciale ou de communication partisane. Aucune action de l’alliance ne peut servir à présenter comme vertueuse une pratique qui ne l’est pas : un partenaire ne revendique un résultat environnemental que s’il est mesuré selon le protocole commun.',
    },
    {
      type: 'paragraph',
      text: 'Chaque partenaire déclare au comité de pilotage tout conflit d’intérêts, réel ou apparent, avant une décision qui le concerne ; il ne prend alors pas part au vote. Les financements apportés par un membre ne lui donnent aucun droit de regard particulier sur les actions qu’ils soutiennent, au-delà de ce que prévoit l’accord de consortium.',
    },
    {
      type: 'paragraph',
      text: 'Les données collectées auprès des habitants, des élèves ou des professionnels sont traitées dans le respect du règlement général sur la protection des données ; les données environnementales produites par l’alliance ont vocation à être publiées sous licence ouverte.',
    },
    { type: 'heading', level: 2, text: '3. Règles de conduite' },
    {
      type: 'orderedList',
      items: [
        'Chacun prépare les réunions : les documents sont partagés au moins cinq jours avant chaque instance et lus avant la séance.',
        'Les désaccords se disent en réunion, pas à l’extérieur ; une fois une décision prise, tous les membres la respectent.',
        'Les informations signalées comme confidentielles ne sortent pas de l’alliance sans l’accord de celui qui les a apportées.',
        'La communication externe sur l’alliance se fait sous son nom commun et cite l’ensemble des partenaires ; chacun reste libre de valoriser sa propre contribution.',
        'Les contributions de chacun, financières ou en temps, sont reconnues et rendues visibles dans les bilans annuels.',
      ],
    },
    { type: 'heading', level: 2, text: '4. Traitement des difficultés' },
    {
      type: 'paragraph',
      text: 'Lorsqu’un partenaire estime qu’un autre ne respecte pas la charte, il en parle d’abord directement avec lui. À défaut d’accord, la coordinatrice de l’alliance organise une médiation dans un délai d’un mois. Si la difficulté persiste, le comité de pilotage est saisi ; il peut proposer à l’assemblée générale les mesures prévues par l’accord de consortium.',
    },
    { type: 'heading', level: 2, text: '5. Gouvernance' },
    {
      type: 'paragraph',
      text: `L’alliance se dote de quatre instances de gouvernance. Au niveau stratégique, l’[assemblée générale](${bodyHref('assembly')}) réunit tous les partenaires et adopte les documents communs ; le [comité de pilotage (COPIL)](${bodyHref('copil')}) suit le plan d’action et le budget entre deux assemblées.`,
    },
    {
      type: 'paragraph',
      text: `Au niveau opérationnel, le [comité technique](${bodyHref('technical')}) coordonne les chefs de projet des actions. Au niveau fonctionnel, le [groupe de travail « Observatoire et sciences participatives »](${bodyHref('observatory')}) conçoit le suivi des sites et anime le réseau d’observateurs.`,
    },
    { type: 'heading', level: 2, text: '6. Adhésion et révision' },
    {
      type: 'paragraph',
      text: 'Tout nouveau partenaire adhère à la charte avant de rejoindre l’alliance ; son représentant la signe au nom de son organisation. La charte est relue chaque année lors de l’assemblée générale et peut être modifiée par avenant, adopté à la majorité des deux tiers.',
    },
  ],
})
