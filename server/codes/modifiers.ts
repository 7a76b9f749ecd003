/** What common modifiers tell a payer, in plain words, for explanations. */
const MODIFIER_MEANINGS: Record<string, string> = {
  '25': 'a significant, separately identifiable E/M service on the day of a procedure',
  '26': 'the professional component only (the interpretation)',
  TC: 'the technical component only (equipment and staff)',
  '50': 'a bilateral procedure done on both sides in one session',
  '51': 'multiple procedures in one session',
  '57': 'the decision for major surgery',
  '59': 'a distinct procedural service, not bundled with another done that day',
  XE: 'a separate encounter',
  XS: 'a separate structure or organ',
  XP: 'a separate practitioner',
  XU: 'an unusual non-overlapping service',
  '76': 'a repeat procedure by the same physician',
  '77': 'a repeat procedure by another physician',
  '24': 'an unrelated E/M service during a postoperative period',
  '33': 'a preventive service',
  PT: 'a colorectal screening test that became diagnostic or therapeutic',
  GP: 'services under an outpatient physical therapy plan of care',
  GO: 'services under an outpatient occupational therapy plan of care',
  RT: 'the right side',
  LT: 'the left side',
  E1: 'the upper left eyelid',
  E3: 'the upper right eyelid',
  F1: 'the left hand, second digit',
  FA: 'the left hand, thumb',
  TA: 'the left foot, great toe',
  T5: 'the right foot, great toe',
};

export function modifierMeaning(modifier: string): string | undefined {
  return MODIFIER_MEANINGS[modifier];
}

/** "RT (the right side)" or just "RT". */
export function explainModifier(modifier: string): string {
  const meaning = modifierMeaning(modifier);
  return meaning ? `${modifier} (${meaning})` : modifier;
}
