import { join } from 'node:path';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { loadDefinitions } from '../definitions/load-definitions';
import { stageDeadlinesOf, taskDeadlineTimes } from './stage-deadlines';

const catalogue = loadDefinitions(join(__dirname, '..', '..'));
const china = (local: string) => new Date(`${local.replace(' ', 'T')}:00.000+08:00`);

describe('stage deadlines in the shipped workflow files', () => {
  it.each(ACTIVITY_TYPES)(
    '%s: every task stage has a limit, a reminder and an escalation (docs/domain.md §7)',
    (type) => {
      const deadlines = stageDeadlinesOf(catalogue.definitions[type].workflow);
      const summary = Object.fromEntries(
        Object.values(deadlines).map((d) => [
          d!.stage,
          [
            d!.timeLimitWorkingDays,
            d!.reminder?.beforeWorkingDays,
            d!.escalation?.to,
            d!.escalation?.deemedOutcome,
          ],
        ]),
      );
      expect(summary).toEqual({
        intake: [5, 1, '$competent', null],
        'expert-review': [10, 2, 'ipo', null],
        countersign: [10, 2, 'ipo', null],
        'legality-review': [7, 2, 'ipo', null],
        decision: [5, 1, 'ipo', null],
        conditions: [20, 5, 'ipo', null],
      });
    },
  );
});

describe('taskDeadlineTimes', () => {
  const intake = stageDeadlinesOf(catalogue.definitions['major-project'].workflow).intake;

  it('an intake opened before the 2026 Spring Festival: due, reminded and escalated on working-day times', () => {
    expect(taskDeadlineTimes(china('2026-02-12 10:00'), 5, intake, catalogue.calendar)).toEqual({
      dueAt: '2026-02-26T15:59:59.999Z', // end of Thu 26 Feb, the 5th working day (Sat 14 Feb worked, 15-23 off)
      remindAt: '2026-02-24T16:00:00.000Z', // start of Wed 25 Feb, one working day before
      escalateAt: '2026-02-26T16:00:00.000Z', // the first moment it is overdue
    });
  });

  it('without a time limit nothing is due', () => {
    expect(taskDeadlineTimes(china('2026-02-12 10:00'), null, intake, catalogue.calendar)).toEqual({
      dueAt: null,
      remindAt: null,
      escalateAt: null,
    });
  });

  it('a stage without reminder or escalation only gets a due time', () => {
    expect(taskDeadlineTimes(china('2026-02-12 10:00'), 5, undefined, catalogue.calendar)).toEqual({
      dueAt: '2026-02-26T15:59:59.999Z',
      remindAt: null,
      escalateAt: null,
    });
  });
});
