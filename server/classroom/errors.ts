/** What the classroom refuses, with the status the web layer answers and a message for the user. */
export class ClassroomError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}
