/** Sign-in and sign-up. French first; spread into i18n/fr.ts and en.ts under `auth`. */
export const fr = {
  auth: {
    signInTitle: 'Connexion',
    signUpTitle: 'Créer un compte',
    intro: 'Co-écrivez la vision, la charte, l’accord de consortium et le plan d’action de votre alliance, en direct avec vos partenaires.',
    name: 'Nom et prénom',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    passwordHint: 'Au moins 8 caractères ; ni votre nom, ni votre adresse, ni un mot de passe courant.',
    signIn: 'Se connecter',
    signUp: 'Créer mon compte',
    noAccount: 'Pas encore de compte ?',
    haveAccount: 'Déjà un compte ?',
    goSignUp: 'Créer un compte',
    goSignIn: 'Se connecter',
    sessionExpired: 'Votre session a expiré : reconnectez-vous.',
    submitting: 'Envoi…',
  },
}

export const en: typeof fr = {
  auth: {
    signInTitle: 'Sign in',
    signUpTitle: 'Create an account',
    intro: 'Write your alliance’s vision, charter, consortium agreement and action plan together with your partners, live.',
    name: 'Full name',
    email: 'Email address',
    password: 'Password',
    passwordHint: 'At least 8 characters; not your name, your address or a common password.',
    signIn: 'Sign in',
    signUp: 'Create my account',
    noAccount: 'No account yet?',
    haveAccount: 'Already have an account?',
    goSignUp: 'Create an account',
    goSignIn: 'Sign in',
    sessionExpired: 'Your session has expired: please sign in again.',
    submitting: 'Sending…',
  },
}
