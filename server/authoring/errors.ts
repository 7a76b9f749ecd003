/** What authoring refuses: the HTTP status the web layer answers, a message, and the problems when the text is invalid. */
export interface AuthoringProblem {
  line: number;
  column: number;
  path: string;
  message: string;
  id: string;
}

export class AuthoringError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 422,
    message: string,
    readonly problems?: AuthoringProblem[],
  ) {
    super(message);
  }
}
