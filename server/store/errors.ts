/** The store's errors: each says what happened and, for damaged data, where. */
import { errorMessage } from '../error-message';

/** A unique key (a username, a join code, an id) is taken. */
export class ConflictError extends Error {
  constructor(readonly what: string) {
    super(`${what} is already taken`);
  }
}

/** A file or row does not hold what the store expects; it is left as it is. */
export class DamagedDataError extends Error {
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(
      `data file ${where} cannot be used: ${reason}. It has been left as it is; fix or move it, then retry.`,
    );
  }
}

/** The database cannot be reached (or went away mid-request); nothing was half-saved. */
export class StoreUnavailableError extends Error {
  constructor(reason: string) {
    super(`the database is unavailable (${reason}); try again in a moment`);
  }
}

/** Why a JSON text could not be used, in the words of the error: "invalid JSON: …" for a parse error. */
export function describeReadError(error: unknown): string {
  const message = errorMessage(error);
  return error instanceof SyntaxError
    ? `invalid JSON: ${message.charAt(0).toLowerCase()}${message.slice(1)}`
    : message;
}

/** A zod error as one short phrase: the first issue and where it is. */
export function describeShapeError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const first = issues[0];
  if (!first) return 'it does not hold the data Handoff expects';
  const where = first.path.length === 0 ? 'the record' : first.path.map(String).join('.');
  return `${where}: ${first.message}`;
}
