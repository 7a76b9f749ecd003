/**
 * The whole bundled library against the official CMS files: every ICD-10-CM, ICD-10-PCS
 * and HCPCS code exists for its date of service, expected codes are billable, and
 * descriptions equal the official long titles.
 */
import path from 'node:path';
import { validateTargets } from '../../server/cli/validate-command';
import { formatProblem } from '../../server/scenarios/problems';
import { BUNDLED_SCENARIOS } from '../helpers/library';
import { describeWithOfficialSets, officialCodeSets } from '../helpers/official';

describeWithOfficialSets('the bundled library against the official code sets', () => {
  it('has no unknown, header or mistitled codes, and every date is covered', async () => {
    const codeSets = await officialCodeSets();
    expect(codeSets.setsOf('ICD-10-CM').length).toBeGreaterThan(0);
    const run = await validateTargets([BUNDLED_SCENARIOS], path.resolve(__dirname, '../..'), { codeSets });
    expect(run.problems.map(formatProblem)).toEqual([]);
    expect(run.scenarios.length).toBe(run.results.length);
  });

  it('dates every scenario inside FY2026', async () => {
    const run = await validateTargets([BUNDLED_SCENARIOS], path.resolve(__dirname, '../..'));
    const outside = run.scenarios.filter((s) => s.report.dateOfService < '2025-10-01' || s.report.dateOfService > '2026-09-30').map((s) => s.id);
    expect(outside).toEqual([]);
  });
});
