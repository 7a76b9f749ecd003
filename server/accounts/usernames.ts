/**
 * Usernames as people choose them: any script, normalised (NFKC) and with spacing tidied
 * before they are kept or compared, so "Ａｎａ" and "ana" are one name. Characters that
 * change how text looks without being visible (zero-width, bidi controls) are refused:
 * they let two different accounts look the same on a roster.
 */
export const USERNAME_MIN_LENGTH = 2;
export const USERNAME_MAX_LENGTH = 40;

export function cleanUsername(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Why a username is refused, or undefined when it may be used. */
export function usernameProblem(raw: string): string | undefined {
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u.test(raw))
    return 'a username cannot contain control, invisible or formatting characters';
  const name = cleanUsername(raw);
  if (name.length < USERNAME_MIN_LENGTH) return `a username has at least ${USERNAME_MIN_LENGTH} characters`;
  if (name.length > USERNAME_MAX_LENGTH) return `a username has at most ${USERNAME_MAX_LENGTH} characters`;
  if (!/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._'@-]*$/u.test(name))
    return "a username starts with a letter or digit and uses letters, digits, spaces and . _ ' @ - only";
  return undefined;
}
