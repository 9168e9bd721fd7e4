import type { ActionStatus, IsoDate } from '@ensemble/shared'
import type { PartnerKey, PersonKey } from './alliance.ts'

/**
 * The demo action plan 2026–2028, as seen in November 2026: two actions done, two overdue (one of
 * them blocked), the rest in progress, planned or proposed. People and partners are named by key;
 * demo.ts resolves them to user and partner ids.
 */
export const PLAN_META = { title: 'Plan d’action 2026–2028', start: '2026-01-01', end: '2028-12-31' } as const

export const OBJECTIVES = [
  { key: 'education', title: 'Sensibiliser 4 000 élèves et 1 500 habitants du Boulonnais aux écosystèmes littoraux d’ici décembre 2028' },
  {
    key: 'filiere',
    title: 'Réduire de 30 % les emballages plastiques à usage unique de la filière produits de la mer à Capécure d’ici décembre 2028 (référence : audit 2026)',
  },
  { key: 'observatoire', title: 'Suivre 12 sites littoraux selon un protocole commun et publier leurs données chaque semestre à partir de juin 2027' },
  { key: 'formation', title: 'Former 120 professionnels de la mer et agents territoriaux à la gestion durable du littoral d’ici juin 2028' },
] as const

export type ObjectiveKey = (typeof OBJECTIVES)[number]['key']

/** Text for actions that serve the alliance itself rather than one operational objective. */
export const TRANSVERSAL = 'Pilotage de l’alliance (transversal)'

export interface SeedMilestone {
  title: string
  date: IsoDate
  done: boolean
}

export interface SeedResource {
  label: string
  amount: number
  unit: 'EUR' | 'jours_homme' | 'heures' | 'ETP' | 'unites'
  partner: PartnerKey
}

export interface SeedAction {
  title: string
  objective: ObjectiveKey | 'transversal'
  description: string
  start: IsoDate
  deadline: IsoDate
  status: ActionStatus
  progress: number
  blockedReason?: string
  accountable: PersonKey | null
  responsible: PersonKey[]
  consulted: PersonKey[]
  informed: PersonKey[]
  milestones: SeedMilestone[]
  resources: SeedResource[]
}

export const ACTIONS: SeedAction[] = [
  {
    title: 'Diagnostic partagé des besoins éducatifs sur le littoral',
    objective: 'education',
    description:
      'Enquête auprès des écoles, centres sociaux et accueils de loisirs du Boulonnais sur leurs sorties nature, leurs freins (transport, encadrement) et leurs attentes.',
    start: '2026-01-12',
    deadline: '2026-04-30',
    status: 'done',
    progress: 100,
    accountable: 'claire',
    responsible: ['claire', 'amina'],
    consulted: ['marc', 'nicolas'],
    informed: ['sophie', 'helene'],
    milestones: [
      { title: 'Questionnaire envoyé aux 42 écoles du territoire', date: '2026-02-13', done: true },
      { title: 'Restitution du diagnostic au comité de pilotage', date: '2026-04-27', done: true },
    ],
    resources: [
      { label: 'Enquête et entretiens', amount: 20, unit: 'jours_homme', partner: 'estran' },
      { label: 'Analyse statistique des réponses', amount: 8, unit: 'jours_homme', partner: 'liles' },
    ],
  },
  {
    title: 'Cartographie des acteurs du littoral boulonnais',
    objective: 'transversal',
    description:
      'Recenser associations, clubs nautiques, professionnels et services publics agissant sur le littoral ; qualifier leurs attentes, leur influence et les synergies possibles avec l’alliance.',
    start: '2026-01-15',
    deadline: '2026-05-29',
    status: 'done',
    progress: 100,
    accountable: 'marc',
    responsible: ['marc', 'claire'],
    consulted: ['amina', 'julien'],
    informed: ['sophie'],
    milestones: [
      { title: 'Recensement de 85 acteurs terminé', date: '2026-03-13', done: true },
      { title: 'Atelier de validation de la cartographie', date: '2026-05-21', done: true },
    ],
    resources: [
      { label: 'Gratification du stagiaire (master de géographie)', amount: 3600, unit: 'EUR', partner: 'agglo' },
      { label: 'Encadrement du stage', amount: 6, unit: 'jours_homme', partner: 'agglo' },
    ],
  },
  {
    title: 'Kit pédagogique « Laisse de mer » pour le cycle 3',
    objective: 'education',
    description: 'Fiches d’activités, clé de détermination et carnet d’observation pour étudier la laisse de mer avec des élèves de CM1 à la sixième.',
    start: '2026-03-02',
    deadline: '2026-10-16',
    status: 'in_progress',
    progress: 70,
    accountable: 'claire',
    responsible: ['claire'],
    consulted: ['amina', 'nicolas'],
    informed: ['marc'],
    milestones: [
      { title: 'Maquette validée par deux enseignants référents', date: '2026-06-12', done: true },
      { title: 'Test en classe dans trois écoles', date: '2026-09-25', done: true },
      { title: 'Impression et diffusion à 60 classes', date: '2026-10-16', done: false },
    ],
    resources: [
      { label: 'Conception graphique et impression', amount: 6500, unit: 'EUR', partner: 'fondation' },
      { label: 'Rédaction des fiches', amount: 25, unit: 'jours_homme', partner: 'estran' },
    ],
  },
  {
    title: 'Classes de mer : 40 demi-journées sur l’estran',
    objective: 'education',
    description: 'Sorties encadrées sur l’estran rocheux du Portel et les dunes de la Slack pour les classes des quartiers prioritaires, transport compris.',
    start: '2026-09-01',
    deadline: '2027-06-30',
    status: 'in_progress',
    progress: 35,
    accountable: 'claire',
    responsible: ['claire', 'marc'],
    consulted: ['nicolas'],
    informed: ['sophie', 'helene'],
    milestones: [
      { title: 'Calendrier des sorties validé avec les écoles', date: '2026-09-25', done: true },
      { title: '20 demi-journées réalisées', date: '2027-02-12', done: false },
      { title: '40 demi-journées réalisées et bilan', date: '2027-06-30', done: false },
    ],
    resources: [
      { label: 'Transport des classes en car', amount: 18000, unit: 'EUR', partner: 'agglo' },
      { label: 'Animation des sorties', amount: 40, unit: 'jours_homme', partner: 'estran' },
    ],
  },
  {
    title: 'Audit des emballages plastiques de la filière à Capécure',
    objective: 'filiere',
    description:
      'Mesurer les volumes et les types d’emballages à usage unique utilisés par les ateliers de mareyage et de transformation, pour fixer la référence de l’objectif de réduction.',
    start: '2026-04-01',
    deadline: '2026-09-30',
    status: 'blocked',
    progress: 40,
    blockedReason:
      'Les tonnages de déchets de la zone portuaire ne nous ont pas été transmis : la convention d’échange de données avec le gestionnaire du port attend toujours sa signature.',
    accountable: 'julien',
    responsible: ['julien', 'amina'],
    consulted: ['marc'],
    informed: ['claire'],
    milestones: [
      { title: 'Inventaire des emballages dans les ateliers de Marée d’Opale', date: '2026-06-19', done: true },
      { title: 'Bilan matière à l’échelle de la zone de Capécure', date: '2026-09-30', done: false },
    ],
    resources: [
      { label: 'Temps des équipes qualité', amount: 12, unit: 'jours_homme', partner: 'maree' },
      { label: 'Analyse de cycle de vie simplifiée', amount: 9000, unit: 'EUR', partner: 'fondation' },
    ],
  },
  {
    title: 'Pilote de caisses réutilisables avec trois mareyeurs',
    objective: 'filiere',
    description:
      'Remplacer les caisses en polystyrène par des caisses consignées lavables sur les flux entre la criée et trois ateliers volontaires, et mesurer les coûts et les tonnages évités.',
    start: '2027-01-04',
    deadline: '2027-12-17',
    status: 'planned',
    progress: 0,
    accountable: 'julien',
    responsible: ['julien'],
    consulted: ['sophie', 'amina'],
    informed: ['marc', 'claire'],
    milestones: [
      { title: 'Choix du prestataire de lavage', date: '2027-03-31', done: false },
      { title: 'Bilan du pilote présenté au comité de pilotage', date: '2027-12-10', done: false },
    ],
    resources: [
      { label: 'Achat de 2 000 caisses consignées', amount: 24000, unit: 'EUR', partner: 'maree' },
      { label: 'Aide à l’amorçage', amount: 15000, unit: 'EUR', partner: 'fondation' },
    ],
  },
  {
    title: 'Collecte et recyclage des filets de pêche usagés',
    objective: 'filiere',
    description: 'Installer un point de collecte des filets et cordages usagés sur le port et trouver une filière de recyclage régionale.',
    start: '2027-03-01',
    deadline: '2028-06-30',
    status: 'planned',
    progress: 0,
    accountable: 'marc',
    responsible: ['marc', 'julien'],
    consulted: ['amina'],
    informed: ['claire'],
    milestones: [
      { title: 'Point de collecte installé sur le port', date: '2027-09-30', done: false },
      { title: 'Première tonne de filets recyclée', date: '2028-06-15', done: false },
    ],
    resources: [{ label: 'Benne et aménagement du point de collecte', amount: 12000, unit: 'EUR', partner: 'agglo' }],
  },
  {
    title: 'Protocole de suivi de 12 sites littoraux',
    objective: 'observatoire',
    description: 'Définir les indicateurs (érosion, laisse de mer, espèces repères, fréquentation) et la méthode de relevé commune à tous les sites suivis.',
    start: '2026-05-04',
    deadline: '2026-12-18',
    status: 'in_progress',
    progress: 60,
    accountable: 'amina',
    responsible: ['amina'],
    consulted: ['marc', 'nicolas'],
    informed: ['claire', 'sophie'],
    milestones: [
      { title: 'Choix des 12 sites avec l’agglomération', date: '2026-06-30', done: true },
      { title: 'Relevés tests sur 4 sites', date: '2026-10-02', done: true },
      { title: 'Protocole publié', date: '2026-12-18', done: false },
    ],
    resources: [
      { label: 'Temps de recherche', amount: 40, unit: 'jours_homme', partner: 'liles' },
      { label: 'Matériel de mesure (GPS, quadrats, sondes)', amount: 7500, unit: 'EUR', partner: 'fondation' },
    ],
  },
  {
    title: 'Plateforme de données ouvertes de l’observatoire',
    objective: 'observatoire',
    description: 'Mettre en ligne les relevés des sites, des cartes et des tableaux de bord lisibles par le grand public, sous licence ouverte.',
    start: '2026-10-01',
    deadline: '2027-09-30',
    status: 'in_progress',
    progress: 10,
    accountable: 'amina',
    responsible: ['amina', 'marc'],
    consulted: ['julien'],
    informed: ['helene'],
    milestones: [
      { title: 'Cahier des charges validé', date: '2026-12-11', done: false },
      { title: 'Mise en ligne de la première version', date: '2027-06-30', done: false },
      { title: 'Publication des données du premier semestre', date: '2027-09-30', done: false },
    ],
    resources: [{ label: 'Développement et hébergement', amount: 30000, unit: 'EUR', partner: 'agglo' }],
  },
  {
    title: 'Réseau de 80 observateurs bénévoles',
    objective: 'observatoire',
    description: 'Former des habitants aux relevés du protocole (sciences participatives) et animer leur communauté tout au long de l’année.',
    start: '2027-02-01',
    deadline: '2028-10-31',
    status: 'planned',
    progress: 0,
    accountable: 'claire',
    responsible: ['claire', 'amina'],
    consulted: ['nicolas'],
    informed: ['sophie'],
    milestones: [
      { title: 'Première promotion de 30 bénévoles formée', date: '2027-05-28', done: false },
      { title: '80 bénévoles actifs', date: '2028-10-31', done: false },
    ],
    resources: [
      { label: 'Animation du réseau', amount: 60, unit: 'jours_homme', partner: 'estran' },
      { label: 'Kits d’observation', amount: 4000, unit: 'EUR', partner: 'fondation' },
    ],
  },
  {
    title: 'Module de formation « Pêche et biodiversité »',
    objective: 'formation',
    description:
      'Deux jours de formation pour les marins-pêcheurs et les salariés du mareyage : écosystèmes côtiers, espèces sensibles, bonnes pratiques à bord et à terre.',
    start: '2026-06-01',
    deadline: '2027-03-31',
    status: 'in_progress',
    progress: 25,
    accountable: 'amina',
    responsible: ['amina', 'julien'],
    consulted: ['marc'],
    informed: ['claire'],
    milestones: [
      { title: 'Programme validé avec les organisations professionnelles', date: '2026-09-30', done: true },
      { title: 'Première session (12 stagiaires)', date: '2027-01-21', done: false },
      { title: 'Bilan des deux premières sessions', date: '2027-03-31', done: false },
    ],
    resources: [
      { label: 'Conception pédagogique', amount: 15, unit: 'jours_homme', partner: 'liles' },
      { label: 'Temps des salariés en formation', amount: 10, unit: 'jours_homme', partner: 'maree' },
    ],
  },
  {
    title: 'Formation des agents de l’agglomération à la gestion des dunes',
    objective: 'formation',
    description: 'Trois journées sur site pour les agents des espaces naturels : ganivelles, fixation des dunes, accueil du public.',
    start: '2027-04-01',
    deadline: '2027-11-30',
    status: 'planned',
    progress: 0,
    accountable: 'marc',
    responsible: ['marc'],
    consulted: ['amina'],
    informed: ['claire'],
    milestones: [{ title: 'Trois journées de formation réalisées', date: '2027-10-15', done: false }],
    resources: [{ label: 'Temps des agents formés', amount: 30, unit: 'jours_homme', partner: 'agglo' }],
  },
  {
    title: 'Campagne grand public « Nos plages, notre affaire »',
    objective: 'education',
    description: 'Affichage, réseaux sociaux et animations de plage pendant l’été pour faire connaître la fragilité des dunes et de l’estran.',
    start: '2027-04-01',
    deadline: '2027-09-30',
    status: 'planned',
    progress: 0,
    accountable: 'claire',
    responsible: ['claire', 'marc'],
    consulted: ['julien', 'sophie'],
    informed: ['helene', 'nicolas'],
    milestones: [
      { title: 'Lancement de la campagne', date: '2027-06-05', done: false },
      { title: 'Bilan de fréquentation des animations', date: '2027-09-30', done: false },
    ],
    resources: [
      { label: 'Affichage et réseaux sociaux', amount: 8000, unit: 'EUR', partner: 'fondation' },
      { label: 'Animations de plage', amount: 20, unit: 'jours_homme', partner: 'estran' },
    ],
  },
  {
    title: 'Plan de financement pluriannuel et cofinancements européens',
    objective: 'transversal',
    description: 'Consolider le budget 2026–2028, répartir les coûts entre partenaires et déposer une demande de cofinancement au titre du FEAMPA.',
    start: '2026-02-02',
    deadline: '2026-12-15',
    status: 'in_progress',
    progress: 50,
    accountable: 'sophie',
    responsible: ['sophie', 'claire'],
    consulted: ['marc'],
    informed: ['helene', 'julien', 'amina'],
    milestones: [
      { title: 'Budget 2026 adopté', date: '2026-03-20', done: true },
      { title: 'Dossier de cofinancement déposé', date: '2026-11-30', done: false },
    ],
    resources: [{ label: 'Ingénierie financière', amount: 10, unit: 'jours_homme', partner: 'fondation' }],
  },
  {
    title: 'Évaluation à mi-parcours et mesure d’impact',
    objective: 'transversal',
    description:
      'Répondre aux questions évaluatives de la convention, à partir des indicateurs de moyens, d’activités, de résultats et d’impact, avec un regard extérieur.',
    start: '2027-09-01',
    deadline: '2028-02-29',
    status: 'planned',
    progress: 0,
    accountable: 'amina',
    responsible: ['amina', 'sophie'],
    consulted: ['claire', 'marc', 'julien'],
    informed: ['helene', 'nicolas'],
    milestones: [
      { title: 'Questions évaluatives validées', date: '2027-10-15', done: false },
      { title: 'Rapport présenté à l’assemblée générale', date: '2028-02-29', done: false },
    ],
    resources: [
      { label: 'Évaluation externe', amount: 12000, unit: 'EUR', partner: 'fondation' },
      { label: 'Temps de recherche', amount: 20, unit: 'jours_homme', partner: 'liles' },
    ],
  },
  {
    title: 'Ateliers « Sentinelles du littoral » dans les centres sociaux',
    objective: 'education',
    description: 'Proposition de Nicolas Hamy : des ateliers mensuels avec les familles des centres sociaux, prolongés par des sorties sur l’estran.',
    start: '2027-09-01',
    deadline: '2028-06-30',
    status: 'proposed',
    progress: 0,
    accountable: null,
    responsible: [],
    consulted: ['nicolas'],
    informed: [],
    milestones: [{ title: 'Six centres sociaux volontaires', date: '2028-01-31', done: false }],
    resources: [{ label: 'Animation des ateliers', amount: 24, unit: 'jours_homme', partner: 'estran' }],
  },
  {
    title: 'Sentier d’interprétation numérique sur le front de mer',
    objective: 'education',
    description: 'Panneaux avec code QR renvoyant aux données de l’observatoire, le long de la promenade du front de mer.',
    start: '2028-03-01',
    deadline: '2028-10-31',
    status: 'proposed',
    progress: 0,
    accountable: null,
    responsible: [],
    consulted: [],
    informed: [],
    milestones: [{ title: 'Étude de faisabilité avec le service patrimoine', date: '2028-05-29', done: false }],
    resources: [],
  },
]
