import { assignmentFromForm, localTime } from '../../../server/web/view-models/assignment-form';

describe('localTime', () => {
  it.each([
    ['UTC when no offset is sent', '2026-03-02T09:00', undefined, '2026-03-02T09:00:00.000Z'],
    ['five hours behind UTC (New York in winter)', '2026-03-02T09:00', '300', '2026-03-02T14:00:00.000Z'],
    ['an hour ahead of UTC (Paris in winter)', '2026-03-02T09:00', '-60', '2026-03-02T08:00:00.000Z'],
    ['an offset beyond any zone is ignored', '2026-03-02T09:00', '5000', '2026-03-02T09:00:00.000Z'],
    ['text that is not a local time, as typed (the schema names it)', 'next Tuesday', '0', 'next Tuesday'],
  ])('%s', (_what, value, offset, expected) => {
    expect(localTime(value, offset)).toBe(expected);
  });
});

describe('assignmentFromForm', () => {
  it('reads a blueprint, skipping rows with no count', () => {
    expect(
      assignmentFromForm({
        title: ' Mock ',
        mode: 'exam',
        source: 'blueprint',
        opensAt: '2026-03-02T09:00',
        dueAt: '2026-03-02T17:00',
        timeLimitMinutes: '90',
        passPercent: '75',
        bpCount: ['2', '', '1'],
        bpSetting: ['inpatient', '', ''],
        bpSystem: ['', '', 'HCPCS'],
        bpMin: ['3', '', ''],
        bpMax: ['', '', ''],
      }),
    ).toEqual({
      title: 'Mock',
      mode: 'exam',
      opensAt: '2026-03-02T09:00:00.000Z',
      dueAt: '2026-03-02T17:00:00.000Z',
      timeLimitMinutes: 90,
      passPercent: 75,
      blueprint: [
        { count: 2, setting: 'inpatient', minDifficulty: 3 },
        { count: 1, system: 'HCPCS' },
      ],
    });
  });

  it('reads a list of scenarios; a practice time limit is dropped', () => {
    expect(
      assignmentFromForm({
        title: 'W',
        mode: 'practice',
        source: 'list',
        scenarioIds: 'a',
        timeLimitMinutes: '30',
        opensAt: '',
        dueAt: '',
      }),
    ).toEqual({ title: 'W', mode: 'practice', opensAt: '', dueAt: '', scenarioIds: ['a'] });
  });
});
