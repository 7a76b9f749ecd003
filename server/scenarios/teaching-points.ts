/**
 * The teaching points the library is organised around. Scenario `tags` may hold any
 * text, but these names are the shared vocabulary: the catalogue filters on them and
 * `npm run validate -- --coverage` counts them.
 */
export const TEACHING_POINTS = {
  '7th-character': '7th characters (initial, subsequent, sequela; fracture healing)',
  placeholder: 'X placeholders before a 7th character',
  laterality: 'right, left, bilateral',
  'combination-codes': 'one code for two linked conditions',
  sequencing: 'principal (inpatient) or first-listed (outpatient) diagnosis',
  'external-cause': 'external cause codes: cause, place, activity, status',
  'signs-and-symptoms': 'symptoms integral to a diagnosis are not coded',
  'uncertain-diagnosis': 'probable / rule out: inpatient vs outpatient',
  excludes1: 'Excludes1 pairs never coded together',
  'use-additional-code': '"use additional code" and "code first" notes',
  'em-level-mdm': 'E/M level by medical decision making',
  'em-level-time': 'E/M level by total time',
  'drug-units': 'HCPCS drug units by the dose in the descriptor',
  bilateral: 'bilateral procedures (modifier 50, RT/LT)',
  modifiers: 'modifiers 25, 59/X{EPSU}, 26/TC, RT/LT and others',
} as const;

export type TeachingPoint = keyof typeof TEACHING_POINTS;
