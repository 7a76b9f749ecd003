/**
 * The meaning of each of the seven ICD-10-PCS characters by section, and the values
 * whose names are the same in every table (root operations, approaches), so an axis
 * error can be explained without the official tables loaded.
 */
const MEDICAL_SURGICAL_AXES = [
  'section',
  'body system',
  'root operation',
  'body part',
  'approach',
  'device',
  'qualifier',
];

const AXES_BY_SECTION: Record<string, string[]> = {
  '0': MEDICAL_SURGICAL_AXES,
  '1': MEDICAL_SURGICAL_AXES,
  '2': ['section', 'body system', 'root operation', 'body region', 'approach', 'device', 'qualifier'],
  '3': [
    'section',
    'body system',
    'root operation',
    'body system / region',
    'approach',
    'substance',
    'qualifier',
  ],
  '4': [
    'section',
    'body system',
    'root operation',
    'body system',
    'approach',
    'function / device',
    'qualifier',
  ],
  B: ['section', 'body system', 'type', 'body part', 'contrast', 'qualifier', 'qualifier'],
  X: [
    'section',
    'body system',
    'root operation',
    'body part',
    'approach',
    'device / substance / technology',
    'qualifier',
  ],
};

const ROOT_OPERATIONS: Record<string, string> = {
  '0': 'Alteration',
  '1': 'Bypass',
  '2': 'Change',
  '3': 'Control',
  '4': 'Creation',
  '5': 'Destruction',
  '6': 'Detachment',
  '7': 'Dilation',
  '8': 'Division',
  '9': 'Drainage',
  B: 'Excision',
  C: 'Extirpation',
  D: 'Extraction',
  F: 'Fragmentation',
  G: 'Fusion',
  H: 'Insertion',
  J: 'Inspection',
  K: 'Map',
  L: 'Occlusion',
  M: 'Reattachment',
  N: 'Release',
  P: 'Removal',
  Q: 'Repair',
  R: 'Replacement',
  S: 'Reposition',
  T: 'Resection',
  U: 'Supplement',
  V: 'Restriction',
  W: 'Revision',
  X: 'Transfer',
  Y: 'Transplantation',
};

const OBSTETRIC_ROOT_OPERATIONS: Record<string, string> = {
  '2': 'Change',
  '9': 'Drainage',
  A: 'Abortion',
  D: 'Extraction',
  E: 'Delivery',
  H: 'Insertion',
  J: 'Inspection',
  P: 'Removal',
  Q: 'Repair',
  S: 'Reposition',
  T: 'Resection',
  Y: 'Transplantation',
};

const APPROACHES: Record<string, string> = {
  '0': 'Open',
  '3': 'Percutaneous',
  '4': 'Percutaneous Endoscopic',
  '7': 'Via Natural or Artificial Opening',
  '8': 'Via Natural or Artificial Opening Endoscopic',
  F: 'Via Natural or Artificial Opening With Percutaneous Endoscopic Assistance',
  X: 'External',
};

export function axisName(section: string, position: number): string {
  return (AXES_BY_SECTION[section] ?? [])[position] ?? `character ${position + 1}`;
}

/** The name of a character's value where it is the same in every table of the section. */
export function axisValueName(section: string, position: number, value: string): string | undefined {
  if (position === 2 && section === '0') return ROOT_OPERATIONS[value];
  if (position === 2 && section === '1') return OBSTETRIC_ROOT_OPERATIONS[value];
  if (position === 4 && ['0', '1', '2', '3', '4', 'X'].includes(section)) return APPROACHES[value];
  if (position === 5 && (section === '0' || section === '1') && value === 'Z') return 'No Device';
  if (position === 6 && (section === '0' || section === '1'))
    return value === 'Z' ? 'No Qualifier' : value === 'X' ? 'Diagnostic' : undefined;
  return undefined;
}

export interface AxisDifference {
  position: number;
  axis: string;
  expected: string;
  submitted: string;
  expectedName?: string;
  submittedName?: string;
}

export function pcsAxisDifferences(expected: string, submitted: string): AxisDifference[] {
  const section = expected[0];
  const out: AxisDifference[] = [];
  for (let i = 0; i < 7; i++) {
    if (expected[i] === submitted[i]) continue;
    out.push({
      position: i,
      axis: axisName(section, i),
      expected: expected[i],
      submitted: submitted[i],
      expectedName: axisValueName(section, i, expected[i]),
      submittedName: axisValueName(section, i, submitted[i]),
    });
  }
  return out;
}
