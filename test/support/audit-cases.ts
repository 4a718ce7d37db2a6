/**
 * Cases for the audit specs, driven over HTTP through the lifecycles the decision trail has to record: for
 * every activity type a high-risk case passed with conditions over its hard stops, a case returned at
 * intake, resubmitted (a second decision) and passed, and a case withdrawn mid-way.
 */
import { ACTIVITY_TYPES } from './activity-types';
import { type ActivityType } from '../../src/definitions/definition.types';
import { ApiClient, approvingChooser, expectStatus } from './api-client';
import { changeFacts, factFixture, type FactChange } from './fact-fixtures';

const RETURN_COMMENT = '一次性告知：请补充材料 Supply the missing documents';

/** A supplement that changes what the rules see, so the second decision differs from the first. */
const SUPPLEMENT_CHANGE: Record<ActivityType, FactChange> = {
  'major-project': { ftoSearchDone: false },
  'talent-introduction': { claimedAchievementsVerified: false },
  'trade-show': { localCounselArranged: false },
  'technology-trade': { ftoSearchDone: false },
};

export interface AuditCase {
  id: string;
  type: ActivityType;
  path: 'passed-with-conditions' | 'returned-resubmitted-passed' | 'withdrawn';
  submitterKey: string;
}

export async function driveAuditCases(
  api: ApiClient,
  types: readonly ActivityType[] = ACTIVITY_TYPES,
): Promise<AuditCase[]> {
  const cases: AuditCase[] = [];
  for (const type of types) {
    const high = await api.submit(type, 'high');
    await api.driveToClosed(high.id, approvingChooser('pass-with-conditions'));
    cases.push({ id: high.id, type, path: 'passed-with-conditions', submitterKey: high.key });

    const low = await api.submit(type, 'low', { as: 'enterprise' });
    await api.drive(
      low.id,
      (task) => (task.stage === 'intake' ? { outcome: 'return', comment: RETURN_COMMENT } : 'approve'),
      (e) => e.state === 'supplement',
    );
    const { applicant: _applicant, ...facts } = factFixture(`${type}.low`);
    expectStatus(
      await api.post(`/evaluations/${low.id}/resubmit`, low.key, {
        facts: changeFacts(facts as never, SUPPLEMENT_CHANGE[type]),
      }),
      200,
    );
    await api.driveToClosed(low.id, approvingChooser('pass'));
    cases.push({ id: low.id, type, path: 'returned-resubmitted-passed', submitterKey: low.key });

    const withdrawn = await api.submit(type, 'low');
    await api.drive(withdrawn.id, approvingChooser('pass'), (e) => e.state === 'countersign');
    expectStatus(
      await api.post(`/evaluations/${withdrawn.id}/withdraw`, withdrawn.key, {
        reason: '项目取消 Cancelled',
      }),
      200,
    );
    cases.push({ id: withdrawn.id, type, path: 'withdrawn', submitterKey: withdrawn.key });
  }
  return cases;
}
