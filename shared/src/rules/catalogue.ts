import type { LocalizedText, RuleId } from './types.ts'

/**
 * Every rule the server enforces on live edits, one line each, in both languages: the one place they
 * are stated. Test names start with these ids (`[VAL3] …`); docs/RULES.md §5 is this list rendered
 * (`pnpm --filter @ensemble/test rules:doc`, checked by test/unit/rules-doc.test.ts).
 */
export const RULES = {
  PERM0: {
    en: 'The permission matrix (role × verb × relation to the action × action and document status), cell by cell; can(actor, verb) without a target keeps its workspace-level meaning.',
    fr: 'La matrice des permissions (rôle × verbe × lien avec l’action × statut), case par case ; can(acteur, verbe) sans cible garde son sens au niveau de l’espace.',
  },
  PERM1: {
    en: 'Nobody without a membership, no unknown role and no unknown verb is allowed anything; can() never throws.',
    fr: 'Sans adhésion, avec un rôle ou un verbe inconnu, rien n’est permis ; can() ne lève jamais d’exception.',
  },
  PERM2: {
    en: 'Observers and commenters never write into a document: their edit (update or sync step 2) is undone everywhere, they get edit_forbidden, the store replays without it; they still sync, read and show presence.',
    fr: 'Observateurs et commentateurs n’écrivent jamais dans un document : leur modification (update ou sync step 2) est annulée partout, ils reçoivent edit_forbidden, le journal la rejoue annulée ; ils se synchronisent, lisent et sont présents.',
  },
  PERM3: {
    en: 'Only admin and steering create actions beyond a bare proposal, delete actions and reorder them.',
    fr: 'Seuls l’administration et le comité de pilotage créent des actions autres que de simples propositions, en suppriment et les réordonnent.',
  },
  PERM4: {
    en: 'Editors propose actions (status proposed, nobody accountable or responsible) and co-edit proposals: title, objective, description, dates, consulted/informed, milestones, resources.',
    fr: 'Les éditeurs proposent des actions (statut proposée, sans responsable ni réalisateur) et co-éditent les propositions : titre, objectif, description, dates, consultés/informés, jalons, ressources.',
  },
  PERM5: {
    en: 'Only admin and steering set the dates, the accountable and responsible members, the consulted and informed, the title, objective and resources of an action that is no longer a proposal.',
    fr: 'Seuls l’administration et le comité de pilotage fixent les dates, le responsable final et les réalisateurs, les consultés et informés, le titre, l’objectif et les ressources d’une action qui n’est plus une proposition.',
  },
  PERM6: {
    en: 'On an action where they are accountable or responsible, an editor updates its status (planned, in progress, blocked, done), progress, blocked reason, milestones and description; on other actions they cannot.',
    fr: 'Sur une action dont il est responsable final ou réalisateur, un éditeur met à jour le statut (prévue, en cours, bloquée, terminée), l’avancement, le motif de blocage, les jalons et la description ; pas sur les autres.',
  },
  PERM7: {
    en: 'Moving an action into or out of proposed or cancelled is for admin and steering only.',
    fr: 'Faire entrer ou sortir une action des statuts proposée ou annulée est réservé à l’administration et au comité de pilotage.',
  },
  PERM8: {
    en: 'Governance bodies, meetings and decisions, the plan’s title and period, its objectives, indicators (their definition) and evaluation questions, and the charter’s adoption rules are edited by admin and steering only.',
    fr: 'Les instances, réunions et décisions, le titre et la période du plan, ses objectifs, indicateurs (leur définition) et questions évaluatives, et les règles d’adoption de la charte ne sont modifiés que par l’administration et le comité de pilotage.',
  },
  PERM9: {
    en: 'Editors co-edit draft documents (rich texts, minutes); a document submitted for adoption (proposed) is edited by admin and steering only.',
    fr: 'Les éditeurs co-éditent les documents en brouillon (textes, comptes rendus) ; un document soumis à adoption n’est modifié que par l’administration et le comité de pilotage.',
  },
  PERM10: {
    en: 'An adopted document accepts no edit from anyone (document_locked); its status and adopted version change only through sign-off (server changes), never by a live edit.',
    fr: 'Un document adopté n’accepte aucune modification (document_locked) ; son statut et sa version adoptée ne changent que par la signature (changements du serveur), jamais par une modification en direct.',
  },
  PERM11: {
    en: 'A role change made through REST applies to the member’s open connections within one second, without reload (to their permissions and to the rules’ view of members); a lost membership closes them with 4403.',
    fr: 'Un changement de rôle fait par l’API s’applique aux connexions ouvertes du membre en moins d’une seconde, sans rechargement ; une adhésion perdue les ferme avec 4403.',
  },
  VAL1: {
    en: 'An entity has the shape of its schema: only known fields, each of the right Yjs type and value type, within bounds.',
    fr: 'Une entité a la forme de son schéma : uniquement des champs connus, chacun du bon type Yjs et du bon type de valeur, dans les limites.',
  },
  VAL2: {
    en: 'Titles of actions and milestones and names of bodies are non-empty and at most 200 (160 for bodies) characters.',
    fr: 'Les titres d’actions et de jalons et les noms d’instances sont non vides et d’au plus 200 (160 pour les instances) caractères.',
  },
  VAL3: {
    en: 'An action that is not a proposal has exactly one accountable member (A).',
    fr: 'Une action qui n’est plus une proposition a exactement un responsable final (A).',
  },
  VAL4: {
    en: 'An action that is not a proposal has at least one responsible member (R).',
    fr: 'Une action qui n’est plus une proposition a au moins un réalisateur (R).',
  },
  VAL5: {
    en: 'The accountable and the responsible are members of the alliance whose role can edit (admin, steering, editor).',
    fr: 'Le responsable final et les réalisateurs sont membres de l’alliance avec un rôle qui peut modifier (admin, pilotage, éditeur).',
  },
  VAL6: {
    en: 'The consulted and the informed are members of the alliance.',
    fr: 'Les consultés et les informés sont membres de l’alliance.',
  },
  VAL7: {
    en: 'Nobody appears twice: no duplicate in a list, and a consulted or informed member is neither accountable nor responsible, nor both consulted and informed; the accountable may also be responsible (by design).',
    fr: 'Personne n’apparaît deux fois : pas de doublon dans une liste, un consulté ou informé n’est ni responsable final ni réalisateur, ni à la fois consulté et informé ; le responsable final peut aussi être réalisateur (voulu).',
  },
  VAL8: {
    en: 'Start and deadline are real dates with start ≤ deadline; an action that is not a proposal has both.',
    fr: 'Début et échéance sont des dates réelles avec début ≤ échéance ; une action qui n’est plus une proposition a les deux.',
  },
  VAL9: {
    en: 'Action dates lie within the plan’s period; the period is two real dates, start ≤ end, and may not shrink past an action.',
    fr: 'Les dates des actions sont dans la période du plan ; la période est faite de deux dates réelles, début ≤ fin, et ne peut pas exclure une action.',
  },
  VAL10: {
    en: 'Milestones are dated within their action’s [start, deadline].',
    fr: 'Les jalons sont datés dans l’intervalle [début, échéance] de leur action.',
  },
  VAL11: {
    en: 'Status is one of proposed, planned, in_progress, blocked, done, cancelled; progress is an integer from 0 to 100.',
    fr: 'Le statut est l’un de proposed, planned, in_progress, blocked, done, cancelled ; l’avancement est un entier de 0 à 100.',
  },
  VAL12: {
    en: 'A done action is at 100 % progress with every milestone done.',
    fr: 'Une action terminée est à 100 % avec tous ses jalons atteints.',
  },
  VAL13: {
    en: 'A blocked action gives a reason (blockedReason non-empty).',
    fr: 'Une action bloquée indique un motif (blockedReason non vide).',
  },
  VAL14: {
    en: 'A resource has a label, a non-negative amount, a known unit, and is brought by a partner of the alliance.',
    fr: 'Une ressource a un libellé, un montant positif ou nul, une unité connue, et est apportée par un partenaire de l’alliance.',
  },
  VAL15: {
    en: 'A body’s quorum is reachable: at most its total seats, and at least 1 once it has seats.',
    fr: 'Le quorum d’une instance est atteignable : au plus son nombre total de sièges, et au moins 1 dès qu’elle a des sièges.',
  },
  VAL16: {
    en: 'Every seat of a body belongs to an existing partner of the alliance.',
    fr: 'Chaque siège d’une instance appartient à un partenaire existant de l’alliance.',
  },
  VAL17: {
    en: 'A body’s decision rule is one of consensus, simple_majority, two_thirds, unanimity.',
    fr: 'La règle de décision d’une instance est l’une de consensus, simple_majority, two_thirds, unanimity.',
  },
  VAL18: {
    en: 'A document holds only the node types of the editor’s schema, each where the schema allows it, with only its attributes (heading levels 1–3).',
    fr: 'Un document ne contient que les types de nœuds du schéma de l’éditeur, chacun là où le schéma l’autorise, avec ses seuls attributs (titres de niveau 1 à 3).',
  },
  VAL19: {
    en: 'A document holds only the marks of the editor’s schema (bold, italic, strike, code, underline, link); links point to http(s) or mailto only.',
    fr: 'Un document ne contient que les marques du schéma de l’éditeur (gras, italique, barré, code, souligné, lien) ; les liens ne mènent qu’à http(s) ou mailto.',
  },
  VAL20: {
    en: 'Attribute values of nodes and marks are bounded (numbers in range, strings and lists short).',
    fr: 'Les valeurs d’attributs des nœuds et des marques sont bornées (nombres dans l’intervalle, chaînes et listes courtes).',
  },
  VAL21: {
    en: 'The meta of a document (title, status, adopted version) and of the plan (title, start, end) have their schema’s shape.',
    fr: 'Les métadonnées d’un document (titre, statut, version adoptée) et du plan (titre, début, fin) ont la forme de leur schéma.',
  },
  VAL22: {
    en: 'A document holds only the root types of its layout (no invented root, no list content in a map).',
    fr: 'Un document ne contient que les types racines de sa structure (pas de racine inventée, pas de contenu de liste dans une table).',
  },
  VAL23: {
    en: 'A document nests its elements (quotes, lists, tables) at most 24 levels deep.',
    fr: 'Un document imbrique ses éléments (citations, listes, tableaux) sur 24 niveaux au plus.',
  },
  PERM12: {
    en: 'A value of an indicator is entered only by a member (admin, steering or editor) of the indicator’s responsible partner, in their own name (`by`), stamped within five minutes of the server’s clock (`at`).',
    fr: 'Une valeur d’indicateur n’est saisie que par un membre (administration, pilotage ou éditeur) du partenaire responsable de l’indicateur, en son propre nom (`by`), horodatée à cinq minutes près de l’horloge du serveur (`at`).',
  },
  PERM13: {
    en: 'Indicator values are append-only: nobody, whatever their role, changes or removes a value, nor deletes or replaces an indicator that holds values; a wrong value is corrected by a new entry that names it (`corrects`).',
    fr: 'Les valeurs d’indicateur ne font que s’ajouter : personne, quel que soit son rôle, ne modifie ni ne supprime une valeur, ni ne supprime ou remplace un indicateur qui en a ; une erreur se corrige par une nouvelle saisie qui la désigne (`corrects`).',
  },
  OBJ1: {
    en: 'An objective has the shape of its kind: strategic (title, horizon, vision) or operational (title, statement, parent, partners, target date, resources, status), each field of the right type and within bounds; a plan holds at most 500 objectives.',
    fr: 'Un objectif a la forme de son type : stratégique (titre, horizon, vision) ou opérationnel (titre, énoncé, objectif parent, partenaires, date cible, ressources, statut), chaque champ du bon type et dans les limites ; un plan compte au plus 500 objectifs.',
  },
  OBJ2: {
    en: 'A strategic objective looks 3 to 5 years ahead (its horizon, a whole number of years).',
    fr: 'Un objectif stratégique porte à 3 à 5 ans (son horizon, un nombre entier d’années).',
  },
  OBJ3: {
    en: 'An operational objective’s parent, when set, is a strategic objective of the plan; its carrying partners are partners of the alliance, each named once.',
    fr: 'L’objectif parent d’un objectif opérationnel, s’il est indiqué, est un objectif stratégique du plan ; ses partenaires porteurs sont des partenaires de l’alliance, chacun nommé une fois.',
  },
  OBJ4: {
    en: 'An operational objective’s target date is a real date within the plan’s period; the period may not shrink past it.',
    fr: 'La date cible d’un objectif opérationnel est une date réelle dans la période du plan ; la période ne peut pas l’exclure.',
  },
  OBJ5: {
    en: 'An operational objective is « validé » only when SMART: Specific (a statement), Measurable (an indicator with a unit, a baseline and a target), Achievable (its resources), Relevant (its strategic objective), Time-bound (a target date within the plan’s period); no edit may leave a validated objective short of a letter.',
    fr: 'Un objectif opérationnel n’est « validé » que s’il est SMART : Spécifique (un énoncé), Mesurable (un indicateur avec unité, valeur de départ et cible), Atteignable (ses ressources), Réaliste (son objectif stratégique), Temporellement défini (une date cible dans la période du plan) ; aucune modification ne peut retirer une lettre à un objectif validé.',
  },
  OBJ6: {
    en: 'An objective that others rely on is not deleted (nor changes kind): a strategic objective with operational objectives under it, an operational objective with indicators or actions that serve it.',
    fr: 'Un objectif dont d’autres dépendent n’est pas supprimé (ni changé de type) : un objectif stratégique qui a des objectifs opérationnels, un objectif opérationnel qui a des indicateurs ou des actions qui le servent.',
  },
  OBJ8: {
    en: 'An action serves at most one objective, an operational objective of the same plan (a strategic objective or an unknown id is refused); who may choose it is who may change the action’s title (PERM4, PERM5).',
    fr: 'Une action sert au plus un objectif, un objectif opérationnel du même plan (un objectif stratégique ou un identifiant inconnu est refusé) ; le choisit qui peut changer le titre de l’action (PERM4, PERM5).',
  },
  IND1: {
    en: 'An indicator has the shape of its schema: a name, a family (means, activities, results, impacts), a unit, numbers or nothing for its baseline and target, a source, a collection frequency, a subset of the purposes (monitor, understand, prove, value), within bounds; a plan holds at most 1,000 indicators.',
    fr: 'Un indicateur a la forme de son schéma : un nom, une famille (moyens, activités, résultats, impacts), une unité, des nombres ou rien pour sa valeur de départ et sa cible, une source, une fréquence de collecte, une partie des finalités (suivre, comprendre, prouver, valoriser), dans les limites ; un plan compte au plus 1 000 indicateurs.',
  },
  IND2: {
    en: 'An indicator measures an operational objective of the plan, and its responsible partner, when set, is a partner of the alliance.',
    fr: 'Un indicateur mesure un objectif opérationnel du plan, et son partenaire responsable, s’il est indiqué, est un partenaire de l’alliance.',
  },
  IND3: {
    en: 'An indicator’s target date is a real date within the plan’s period; the period may not shrink past it.',
    fr: 'La date cible d’un indicateur est une date réelle dans la période du plan ; la période ne peut pas l’exclure.',
  },
  IND4: {
    en: 'An indicator value is a finite number with a real date, a comment of at most 1,000 characters, its author and time; a correction names an existing value of the same indicator; an indicator keeps at most 1,000 values, and a new indicator starts with none.',
    fr: 'Une valeur d’indicateur est un nombre fini avec une date réelle, un commentaire d’au plus 1 000 caractères, son auteur et son heure ; une correction désigne une valeur existante du même indicateur ; un indicateur garde au plus 1 000 valeurs, et un nouvel indicateur n’en a aucune.',
  },
  EVQ1: {
    en: 'An evaluation question has a text of 1 to 1,000 characters and links, each once, to at most 50 objectives and 50 indicators of the plan; a plan holds at most 200 questions.',
    fr: 'Une question évaluative a un texte de 1 à 1 000 caractères et renvoie, chacun une fois, à au plus 50 objectifs et 50 indicateurs du plan ; un plan compte au plus 200 questions.',
  },
  BAL1: {
    en: 'The balance settings: a rate in euros (0 to 1,000,000) for each of person-days, hours, FTE and units (EUR is worth one euro), a period length (year, half-year, quarter) that no longer changes once an actual is declared, and a threshold (a whole percentage, 0 to 100).',
    fr: 'Les réglages de l’équilibre : un taux en euros (0 à 1 000 000) pour les jours-homme, heures, ETP et unités (l’euro vaut un euro), une durée de période (année, semestre, trimestre) qui ne change plus dès qu’une réalisation est déclarée, et un seuil (pourcentage entier, 0 à 100).',
  },
  BAL2: {
    en: 'Only admin and steering change the balance settings.',
    fr: 'Seuls l’administration et le comité de pilotage modifient les réglages de l’équilibre.',
  },
  BAL3: {
    en: 'An actual names a partner of the alliance, a period of the plan, a unit, a non-negative amount (at most 1,000,000,000) and a comment of at most 1,000 characters, optionally an action of the plan to which that partner brings resources; an amendment names an actual of the same partner and period; a plan keeps at most 5,000 actuals.',
    fr: 'Une réalisation désigne un partenaire de l’alliance, une période du plan, une unité, un montant positif ou nul (au plus 1 000 000 000) et un commentaire d’au plus 1 000 caractères, et éventuellement une action du plan à laquelle ce partenaire apporte des ressources ; une rectification désigne une réalisation du même partenaire et de la même période ; un plan garde au plus 5 000 réalisations.',
  },
  BAL4: {
    en: 'A partner’s actuals are declared only by its own members whose role writes (admin, steering, editor); admin and steering may also amend any partner’s; each in their own name (`by`), stamped within five minutes of the server’s clock (`at`).',
    fr: 'Les réalisations d’un partenaire ne sont déclarées que par ses propres membres dont le rôle écrit (administration, pilotage, éditeur) ; l’administration et le pilotage peuvent aussi rectifier celles de tout partenaire ; chacun en son propre nom (`by`), horodaté à cinq minutes près de l’horloge du serveur (`at`).',
  },
  BAL5: {
    en: 'Actuals, validations and frozen periods are append-only: nobody, whatever their role, changes, replaces or removes one; a wrong actual is corrected by an amendment that names it (`amends`).',
    fr: 'Réalisations, validations et périodes gelées ne font que s’ajouter : personne, quel que soit son rôle, n’en modifie, ne remplace ni ne supprime ; une réalisation erronée se corrige par une rectification qui la désigne (`amends`).',
  },
  BAL6: {
    en: 'Only admin and steering validate an actual (an existing one, once) and freeze a period (a period of the plan, once), in their own name and at the server’s time.',
    fr: 'Seuls l’administration et le pilotage valident une réalisation (existante, une fois) et gèlent une période (du plan, une fois), en leur propre nom et à l’heure du serveur.',
  },
  BAL7: {
    en: 'A frozen period accepts only amendments of its existing actuals, which then wait for validation; an actual of a frozen period that is not an amendment can no longer be validated.',
    fr: 'Une période gelée n’accepte que des rectifications de ses réalisations existantes, qui attendent alors d’être validées ; une réalisation d’une période gelée qui n’est pas une rectification ne peut plus être validée.',
  },
  DIAG1: {
    en: 'A point of a MOFF matrix (a partner’s or the shared one) sits in one quadrant (forces, faiblesses, opportunités, menaces), has a text of 1 to 500 characters, a detail of at most 2,000 and a position; a partner’s point names a partner of the alliance; an alliance keeps at most 2,000 points.',
    fr: 'Un point d’une matrice MOFF (d’un partenaire ou commune) se range dans un quadrant (forces, faiblesses, opportunités, menaces), a un texte de 1 à 500 caractères, un détail d’au plus 2 000 et une position ; le point d’un partenaire désigne un partenaire de l’alliance ; une alliance garde au plus 2 000 points.',
  },
  DIAG2: {
    en: 'A partner’s matrix and its needs are written (added, changed, removed) only by that partner’s own members whose role writes (admin, steering, editor); a point belongs to the writer’s partner and its partner never changes.',
    fr: 'La matrice d’un partenaire et ses besoins ne sont écrits (ajout, modification, suppression) que par ses propres membres dont le rôle écrit (administration, pilotage, éditeur) ; un point appartient au partenaire de qui l’écrit et son partenaire ne change jamais.',
  },
  DIAG3: {
    en: 'A partner’s needs and expectations are two texts of at most 5,000 characters, kept under the id of a partner of the alliance.',
    fr: 'Les besoins et attentes d’un partenaire sont deux textes d’au plus 5 000 caractères, rangés sous l’identifiant d’un partenaire de l’alliance.',
  },
  DIAG4: {
    en: 'Only admin and steering write the shared matrix; a point taken from a partner’s matrix names that point and its partner (both or neither).',
    fr: 'Seuls l’administration et le pilotage écrivent la matrice commune ; un point repris de la matrice d’un partenaire désigne ce point et son partenaire (les deux ou aucun).',
  },
  PROJ1: {
    en: 'The project: the social need, why a collective answer and the vision’s quote are texts of at most 5,000 characters; at most 50 figures (a value, a label of 1 to 200 characters, a unit and a source of at most 200, a year from 1900 to 2100 or none) and 50 beneficiaries (1 to 200 characters each).',
    fr: 'Le projet : le besoin social, le pourquoi d’une réponse collective et la citation de la vision sont des textes d’au plus 5 000 caractères ; au plus 50 chiffres (une valeur, un libellé de 1 à 200 caractères, une unité et une source d’au plus 200, une année de 1900 à 2100 ou aucune) et 50 bénéficiaires (de 1 à 200 caractères chacun).',
  },
  PROJ2: {
    en: 'Only admin and steering write the project; every member reads it.',
    fr: 'Seuls l’administration et le pilotage écrivent le projet ; chaque membre le lit.',
  },
  MAP1: {
    en: 'An actor of the map has a name (1 to 160 characters), one of the nine partner types (its family derived), expectations and synergies of at most 5,000 characters, a perimeter of at most 200, an influence, an interest and a « pouvoir de nuisance » each a whole level from 1 to 5, a status, and a whole score from 0 to 5 only on selection criteria of the map; a map holds at most 2,000 actors.',
    fr: 'Un acteur de la carte a un nom (1 à 160 caractères), un des neuf types de partenaires (sa famille en découle), des attentes et des synergies d’au plus 5 000 caractères, un périmètre d’au plus 200, une influence, un intérêt et un pouvoir de nuisance chacun de niveau entier 1 à 5, un statut, et une note entière de 0 à 5 sur les seuls critères de sélection de la carte ; une carte compte au plus 2 000 acteurs.',
  },
  MAP2: {
    en: 'Only admin and steering add, edit, score and remove actors and selection criteria; editors, commenters and observers read the map (editors also write the contact log, MAP4).',
    fr: 'Seuls l’administration et le comité de pilotage ajoutent, modifient, notent et retirent les acteurs et les critères de sélection ; éditeurs, commentateurs et observateurs lisent la carte (les éditeurs écrivent aussi le journal des contacts, MAP4).',
  },
  MAP3: {
    en: 'A selection criterion has a name (1 to 200 characters), a whole weight from 1 to 10 and an order; a map holds at most 30 criteria.',
    fr: 'Un critère de sélection a un nom (1 à 200 caractères), un poids entier de 1 à 10 et un rang ; une carte compte au plus 30 critères.',
  },
  MAP4: {
    en: 'The contact log only grows: admin, steering and editors add entries (an actor of the map, a calendar date, who met whom, how, an outcome of at most 1,000 characters), in their own name and within five minutes of the server’s clock; nobody changes or removes one; a map keeps at most 20,000 entries.',
    fr: 'Le journal des contacts ne fait que s’allonger : administration, pilotage et éditeurs y ajoutent des entrées (un acteur de la carte, une date du calendrier, qui a rencontré qui, comment, une suite d’au plus 1 000 caractères), en leur propre nom et à cinq minutes près de l’horloge du serveur ; personne n’en modifie ni n’en supprime ; une carte garde au plus 20 000 entrées.',
  },
  MAP5: {
    en: 'An actor’s score is the mean of its scores weighted by the criteria’s weights, a criterion not scored counting 0; the shortlist is the shortlisted actors, best score first.',
    fr: 'Le score d’un acteur est la moyenne de ses notes pondérée par les poids des critères, un critère non noté comptant 0 ; la liste restreinte est celle des acteurs retenus, meilleur score d’abord.',
  },
  MAP6: {
    en: 'Only the server’s conversion marks an actor converted and names its partner; no live edit sets or changes that status or partner, nor removes a converted actor (its history and contact log stay).',
    fr: 'Seule la conversion par le serveur marque un acteur converti et nomme son partenaire ; aucune modification en direct ne pose ni ne change ce statut ou ce partenaire, ni ne retire un acteur converti (son historique et son journal restent).',
  },
  MAP7: {
    en: 'Admin and steering convert an actor into a partner: the partner is created with its name and type, the actor marked converted with the partner’s id, and its representative may be invited through the ordinary invitation; a second conversion is refused (409) and a failure leaves no partner behind.',
    fr: 'L’administration et le pilotage convertissent un acteur en partenaire : le partenaire est créé avec son nom et son type, l’acteur marqué converti avec l’identifiant du partenaire, et son représentant peut être invité par l’invitation ordinaire ; une seconde conversion est refusée (409) et un échec ne laisse aucun partenaire.',
  },
} as const satisfies Record<RuleId, LocalizedText>

export type KnownRuleId = keyof typeof RULES
