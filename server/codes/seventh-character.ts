/**
 * What a 7th character means. The official tabular list defines the values per
 * category; without it, the expected code's own title names its meaning, and the
 * common injury and fracture tables cover the submitted one.
 */
const INJURY: Record<string, string> = { A: 'initial encounter', D: 'subsequent encounter', S: 'sequela' };

const FRACTURE: Record<string, string> = {
  A: 'initial encounter for closed fracture',
  B: 'initial encounter for open fracture',
  D: 'subsequent encounter for fracture with routine healing',
  G: 'subsequent encounter for fracture with delayed healing',
  K: 'subsequent encounter for fracture with nonunion',
  P: 'subsequent encounter for fracture with malunion',
  S: 'sequela',
};

/** Long bones of arm and leg (S52, S72, S82) grade open fractures by Gustilo type. */
const GUSTILO_FRACTURE: Record<string, string> = {
  A: 'initial encounter for closed fracture',
  B: 'initial encounter for open fracture type I or II',
  C: 'initial encounter for open fracture type IIIA, IIIB, or IIIC',
  D: 'subsequent encounter for closed fracture with routine healing',
  E: 'subsequent encounter for open fracture type I or II with routine healing',
  F: 'subsequent encounter for open fracture type IIIA, IIIB, or IIIC with routine healing',
  G: 'subsequent encounter for closed fracture with delayed healing',
  H: 'subsequent encounter for open fracture type I or II with delayed healing',
  J: 'subsequent encounter for open fracture type IIIA, IIIB, or IIIC with delayed healing',
  K: 'subsequent encounter for closed fracture with nonunion',
  M: 'subsequent encounter for open fracture type I or II with nonunion',
  N: 'subsequent encounter for open fracture type IIIA, IIIB, or IIIC with nonunion',
  P: 'subsequent encounter for closed fracture with malunion',
  Q: 'subsequent encounter for open fracture type I or II with malunion',
  R: 'subsequent encounter for open fracture type IIIA, IIIB, or IIIC with malunion',
  S: 'sequela',
};

/** Categories made only of fractures, with the common fracture 7th characters. */
const FRACTURE_CATEGORIES = ['S02', 'S12', 'S22', 'S32', 'S42', 'S62', 'S92'];

/** The 7th-character meaning stated at the end of an official title ("…, initial encounter"). */
export function meaningFromTitle(title: string): string | undefined {
  const last = title.split(', ').pop() ?? '';
  return /encounter|sequela/i.test(last) ? last : undefined;
}

/** The usual meaning of a 7th character for a code, when its title is not known. */
export function usualSeventhMeaning(code: string, title?: string): string | undefined {
  const bare = code.replace('.', '').toUpperCase();
  const value = bare[6];
  if (!value) return undefined;
  const fromTitle = title ? meaningFromTitle(title) : undefined;
  if (fromTitle) return fromTitle;
  const category = bare.slice(0, 3);
  if (['S52', 'S72', 'S82'].includes(category)) return GUSTILO_FRACTURE[value];
  if (FRACTURE_CATEGORIES.includes(category) || /fracture/i.test(title ?? '')) return FRACTURE[value];
  if (/^[ST]/.test(category) || /^[V-Y]/.test(category)) return INJURY[value];
  return undefined;
}
