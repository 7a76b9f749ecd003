/** What can go wrong with an account request: a permanent id, the HTTP status, a message the person can act on. */
export const ACCOUNT_ERRORS = {
  'setup-closed': {
    status: 403,
    message: 'Handoff is already set up: sign in, or ask a trainer for an account.',
  },
  'invalid-username': { status: 400, message: '' },
  'invalid-password': { status: 400, message: '' },
  'username-taken': { status: 409, message: 'That username is taken; choose another.' },
  'wrong-credentials': { status: 401, message: 'The username or password is not right.' },
  'unclaimed-account': { status: 401, message: 'The username or password is not right.' },
  'join-code-unknown': {
    status: 400,
    message: 'That join code does not open any class; check it with your trainer.',
  },
  'registration-closed': { status: 403, message: 'This class is not taking new trainees; ask your trainer.' },
  'wrong-current-password': { status: 400, message: 'Your current password is not right.' },
  'reset-invalid': {
    status: 400,
    message:
      'This link is not valid: it was used already, it expired (links last 24 hours), or it was mistyped. Ask your trainer for a new one.',
  },
  'user-unknown': { status: 404, message: 'No such user.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type AccountErrorId = keyof typeof ACCOUNT_ERRORS;

export class AccountError extends Error {
  readonly status: number;
  constructor(
    readonly id: AccountErrorId,
    detail?: string,
  ) {
    super(detail ?? ACCOUNT_ERRORS[id].message);
    this.status = ACCOUNT_ERRORS[id].status;
  }
}
