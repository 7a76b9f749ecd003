/**
 * The teaching points the library is organised around. Scenario `tags` may hold any
 * text, but these names are the shared vocabulary: the catalogue filters on them and
 * `npm run validate -- --coverage` counts them against each point's target (how many
 * scenarios a well-rounded library teaches it in).
 */
export const TEACHING_POINTS = {
  '7th-character': { label: '7th characters (initial, subsequent, sequela; fracture healing)', target: 3 },
  placeholder: { label: 'X placeholders before a 7th character', target: 3 },
  laterality: { label: 'right, left, bilateral', target: 3 },
  'combination-codes': { label: 'combination codes (diabetes with complications, hypertension with heart and kidney disease)', target: 5 },
  sequencing: { label: 'principal (inpatient) or first-listed (outpatient) diagnosis', target: 3 },
  'external-cause': { label: 'external cause codes: cause, place, activity, status', target: 3 },
  'signs-and-symptoms': { label: 'signs and symptoms versus a confirmed diagnosis', target: 6 },
  'uncertain-diagnosis': { label: 'probable / rule out: inpatient vs outpatient', target: 3 },
  excludes1: { label: 'Excludes1 pairs never coded together', target: 3 },
  'use-additional-code': { label: '"code also", "use additional code" and "code first" pairs', target: 6 },
  'em-level-mdm': { label: 'E/M level by medical decision making', target: 3 },
  'em-level-time': { label: 'E/M level by total time', target: 5 },
  'em-with-procedure': { label: 'E/M and a procedure on the same day (modifier 25, or no separate E/M)', target: 6 },
  'injection-infusion': { label: 'injection and infusion hierarchy (initial, sequential, concurrent)', target: 3 },
  'ncci-modifiers': { label: 'NCCI modifiers 59 and XE/XS/XP/XU', target: 4 },
  anesthesia: { label: 'anaesthesia: ASA codes, physical-status modifiers, time', target: 3 },
  sepsis: { label: 'sepsis and septic shock sequencing', target: 2 },
  'subsequent-sequela': { label: 'injuries with external causes: 7th characters for subsequent encounters and sequelae', target: 5 },
  neoplasms: { label: 'neoplasms: primary, secondary, history of', target: 4 },
  'pregnancy-newborn': { label: 'pregnancy, delivery and newborn', target: 5 },
  'drug-units': { label: 'HCPCS drug and device units by the dose in the descriptor', target: 6 },
  'pcs-root-operations': { label: 'ICD-10-PCS root operations beyond excision and resection', target: 10 },
  bilateral: { label: 'bilateral procedures (modifier 50, RT/LT)', target: 3 },
  modifiers: { label: 'modifiers 25, 59/X{EPSU}, 26/TC, RT/LT and others', target: 3 },
} as const satisfies Record<string, { label: string; target: number }>;

export type TeachingPoint = keyof typeof TEACHING_POINTS;
