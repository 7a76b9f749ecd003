/**
 * The catalogue of everything that can be wrong with a scenario file. Each problem
 * has a permanent id (used in docs/authoring-scenarios.md and in tests), a title,
 * a message template, and advice on what to do. Wording lives only here.
 */
type Data = Record<string, string | number>;

interface ProblemSpec {
  title: string;
  message: (data: Data) => string;
  help: string;
}

export const SCENARIO_PROBLEMS = {
  'unreadable-file': {
    title: 'The file cannot be read',
    message: (d) => `cannot read the file: ${d.reason}`,
    help: 'Check that the file exists, is readable by the server, and is UTF-8 text under 1 MB.',
  },
  'syntax-error': {
    title: 'YAML or JSON syntax error',
    message: (d) => `${d.format} syntax error: ${d.reason}`,
    help: 'Fix the syntax at the position shown: usually an indentation slip, a missing colon or quote, or a duplicated key.',
  },
  'not-a-scenario': {
    title: 'The file does not hold one scenario',
    message: (d) => `expected one scenario (a mapping with id, title, report, answerKey…), found ${d.found}`,
    help: 'A scenario file holds exactly one scenario object at its top level.',
  },
  'missing-field': {
    title: 'A required field is missing',
    message: (d) => `required field "${d.field}" is missing`,
    help: 'Add the field; docs/authoring-scenarios.md lists every field and whether it is required.',
  },
  'unknown-field': {
    title: 'A field the format does not know',
    message: (d) => `unknown field "${d.field}"${d.suggestion ? ` (did you mean "${d.suggestion}"?)` : ''}`,
    help: 'Usually a typo: fix the spelling, or remove the field.',
  },
  'invalid-value': {
    title: 'A field has a value of the wrong kind',
    message: (d) => String(d.reason),
    help: 'Give the field a value of the kind the message names.',
  },
  'invalid-date': {
    title: 'Not a real date',
    message: (d) => `${d.value} is not a real calendar date`,
    help: 'Write the date of service as YYYY-MM-DD, e.g. 2026-03-14.',
  },
  'duplicate-id': {
    title: 'Two scenarios share an id',
    message: (d) => `id "${d.id}" is already used by ${d.otherFile}`,
    help: 'Ids are unique across the library: rename one of the two.',
  },
  'evidence-not-found': {
    title: 'An evidence quote is not in the report',
    message: (d) => `evidence "${d.quote}" does not occur in report.text${d.hint ? ` (${d.hint})` : ''}`,
    help: 'Copy the quote from the report exactly; case and line breaks may differ, nothing else.',
  },
  'code-format': {
    title: 'A code does not have the shape of its system',
    message: (d) => `"${d.code}" is not ${d.expectedShape}`,
    help: 'ICD-10-CM: a letter, a digit, a letter or digit, then up to 4 more (S82.61XA, or QA0.0 with an A second); ICD-10-PCS: 7 characters without I or O; CPT: 5 digits or 4 digits + F/T/U; HCPCS: letter + 4 digits.',
  },
  'system-for-setting': {
    title: 'The procedure code system does not fit the setting',
    message: (d) => `${d.system} is not used for ${d.setting} procedures; use ${d.allowed}`,
    help: 'Outpatient scenarios code procedures with CPT or HCPCS Level II; inpatient facility scenarios with ICD-10-PCS.',
  },
  'procedure-line-format': {
    title: 'A procedure line cannot be read',
    message: (d) => String(d.reason),
    help: 'Write a procedure line as CODE[-MOD...][ xN], e.g. 27786-RT, 64483-RT-59 or J3301 x4.',
  },
  'duplicate-code': {
    title: 'A code is listed twice in the answer key',
    message: (d) => `${d.code} is already expected at ${d.otherPath}`,
    help: 'Each code is reported once (guidelines I.B.12); for a repeated procedure use units or the right modifier.',
  },
  'expected-and-distractor': {
    title: 'A code is both expected and a distractor',
    message: (d) => `${d.code} is expected at ${d.otherPath} and cannot also be a wrong answer`,
    help: 'Remove it from one of the two lists.',
  },
  'date-outside-codeset': {
    title: 'No official code set covers the date of service',
    message: (d) => `no imported ${d.system} code set covers ${d.date}`,
    help: 'Import the code set of that fiscal year (npm run codesets -- import …), or date the report inside an imported year.',
  },
  'unknown-code': {
    title: 'A code is not in the official code set',
    message: (d) => `${d.code} is not in the official ${d.system} ${d.version} code set`,
    help: 'Check the code against the official tabular list; it may have been deleted or mistyped.',
  },
  'not-billable': {
    title: 'An expected code is a header, not a billable code',
    message: (d) => `${d.code} is a header in ${d.system} ${d.version}; an expected code must be billable (complete)`,
    help: 'Use the complete code, down to its last required character.',
  },
  'title-mismatch': {
    title: 'A description differs from the official long title',
    message: (d) => `description differs from the official title of ${d.code}: "${d.official}"`,
    help: 'For ICD-10-CM, ICD-10-PCS and HCPCS, copy the official long title exactly. CPT descriptions are your own words.',
  },
} satisfies Record<string, ProblemSpec>;

export type ProblemId = keyof typeof SCENARIO_PROBLEMS;

export interface ScenarioProblem {
  problem: ProblemId;
  /** The file as shown to people: relative to the scenarios folder when inside it. */
  file: string;
  line: number;
  col: number;
  /** Field path in display form: `answerKey.diagnoses[0].evidence[1]`; empty for the whole file. */
  path: string;
  message: string;
}

export function problemMessage(id: ProblemId, data: Data): string {
  return (SCENARIO_PROBLEMS[id] as ProblemSpec).message(data);
}

/** `file:line:col path: message`, the one-line form every tool prints. */
export interface Located {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

export function formatProblem<P extends Located>(p: P): string {
  return `${p.file}:${p.line}:${p.col} ${p.path === '' ? '(file)' : p.path}: ${p.message}`;
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
