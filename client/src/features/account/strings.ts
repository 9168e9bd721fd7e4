/** Strings of the account page, « Mon compte » (spread into fr.ts and en.ts under `account`). */
export const fr = {
  account: {
    link: 'Mon compte',
    title: 'Mon compte',
    intro: 'Votre nom tel que les autres membres le voient, l’adresse de connexion et le mot de passe.',
    identity: 'Identité',
    email: 'Adresse e-mail',
    emailNote: 'C’est l’adresse de connexion ; elle ne se change pas ici.',
    name: 'Nom et prénom',
    saveName: 'Enregistrer le nom',
    nameSaved: 'Nom enregistré.',
    password: 'Mot de passe',
    currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe',
    changePassword: 'Changer le mot de passe',
    passwordChanged: 'Mot de passe changé. Vos autres sessions ont été fermées ; celle-ci reste ouverte.',
    wrongCurrent: 'Ce n’est pas votre mot de passe actuel.',
    endsOthers: 'Changer le mot de passe ferme vos sessions ouvertes sur d’autres appareils.',
    saving: 'Enregistrement…',
  },
}

export const en: typeof fr = {
  account: {
    link: 'My account',
    title: 'My account',
    intro: 'Your name as the other members see it, your sign-in address and your password.',
    identity: 'Identity',
    email: 'Email address',
    emailNote: 'This is your sign-in address; it cannot be changed here.',
    name: 'Full name',
    saveName: 'Save the name',
    nameSaved: 'Name saved.',
    password: 'Password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    changePassword: 'Change the password',
    passwordChanged: 'Password changed. Your other sessions were ended; this one stays open.',
    wrongCurrent: 'This is not your current password.',
    endsOthers: 'Changing the password ends your sessions open on other devices.',
    saving: 'Saving…',
  },
}
