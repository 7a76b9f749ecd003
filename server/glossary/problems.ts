/**
 * The catalogue of what can be wrong with a glossary file (and the warning the validator
 * gives a report that uses an abbreviation the glossary lacks). Printed in the one-line
 * form every tool uses: `file:line:col path: message`.
 */
type Data = Record<string, string | number>;

export const GLOSSARY_PROBLEMS = {
  'glossary-unreadable': (d: Data) => `cannot read the glossary file: ${d.reason}`,
  'glossary-syntax': (d: Data) => `YAML syntax error: ${d.reason}`,
  'glossary-invalid': (d: Data) => String(d.reason),
  'glossary-duplicate': (d: Data) => `"${d.term}" is already in the glossary at ${d.other}`,
  'abbreviation-not-in-glossary': (d: Data) =>
    `warning: the report uses "${d.term}" (report line ${d.reportLine}), which the glossary lacks; add it to a file under scenarios/glossary/`,
} as const;

export type GlossaryProblemId = keyof typeof GLOSSARY_PROBLEMS;

export interface GlossaryProblem {
  problem: GlossaryProblemId;
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export function glossaryProblem(
  problem: GlossaryProblemId,
  where: { file: string; line: number; col: number; path: string },
  data: Data,
): GlossaryProblem {
  return { problem, ...where, message: GLOSSARY_PROBLEMS[problem](data) };
}
