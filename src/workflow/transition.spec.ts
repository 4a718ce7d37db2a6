import { DomainError, type DomainErrorCode } from '../common/domain-error';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { initialState, transition } from './transition';
import { CaseWalk, fakeDecision, loadWorkflow, type RouteFixture } from './workflow.fixtures';

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal, but the event was accepted');
}
const expectRefused = (action: () => unknown, code: DomainErrorCode) =>
  expect(refusal(action).code).toBe(code);

const walk = (type: string, route: RouteFixture = {}, competent = 'ndrc') =>
  new CaseWalk(loadWorkflow(type), fakeDecision(type, route), competent);

describe.each(ACTIVITY_TYPES)('workflow %s', (type) => {
  describe('the straight path', () => {
    it('goes intake -> countersign -> decision -> archived with pass, opening and closing tasks', () => {
      const c = walk(type, { countersign: ['finance'] }, 'most');
      expect(c.state).toBe('intake');
      expect(c.result.status).toBe('open');
      expect(c.result.label).toEqual({ zh: '受理', en: 'Intake' });
      expect(c.result.effects).toEqual({
        openTasks: [
          {
            key: 't1',
            stage: 'intake',
            department: 'ipo',
            allowedOutcomes: ['accept', 'return'],
            timeLimitWorkingDays: 5,
          },
        ],
        closeTasks: [],
      });

      c.complete('intake', 'accept');
      expect(c.state).toBe('countersign');
      expect(c.result.label).toEqual({ zh: '会签', en: 'Countersign' });
      expect(c.result.effects.closeTasks).toEqual([{ key: 't1', status: 'done' }]);
      expect(c.result.effects.openTasks).toEqual([
        {
          key: 't2',
          stage: 'countersign',
          department: 'finance',
          allowedOutcomes: ['approve', 'object', 'return'],
          timeLimitWorkingDays: 10,
        },
      ]);

      c.complete('countersign', 'approve');
      expect(c.state).toBe('decision');
      expect(c.result.effects.openTasks).toEqual([
        {
          key: 't3',
          stage: 'decision',
          department: 'most', // $competent: the department named on the case
          allowedOutcomes: ['pass', 'pass-with-conditions', 'defer', 'not-recommended'],
          timeLimitWorkingDays: 5,
        },
      ]);

      c.complete('decision', 'pass');
      expect(c.state).toBe('archived');
      expect(c.result.status).toBe('closed');
      expect(c.result.outcome).toBe('pass');
      expect(c.result.conditions).toEqual([]);
      expect(c.result.overrideReason).toBeNull();
      expect(c.result.effects).toEqual({ openTasks: [], closeTasks: [{ key: 't3', status: 'done' }] });
      expect(c.context.tasks.map((t) => [t.key, t.status, t.outcome])).toEqual([
        ['t1', 'done', 'accept'],
        ['t2', 'done', 'approve'],
        ['t3', 'done', 'pass'],
      ]);
    });
  });

  describe('intake return and resubmission', () => {
    it('returns with a comment, takes the new decision on RESUBMIT and routes by it', () => {
      const c = walk(type, { expertReview: false });
      c.complete('intake', 'return', { comment: '缺少专利清单' });
      expect(c.state).toBe('supplement');
      expect(c.result.label.zh).toBe('补正材料');
      expect(c.result.effects).toEqual({ openTasks: [], closeTasks: [{ key: 't1', status: 'done' }] });
      expect(c.context.returnComment).toBe('缺少专利清单');
      expect(c.context.tasks[0].comment).toBe('缺少专利清单');

      // The rules ran again on the corrected facts and now ask for the expert panel.
      const corrected = fakeDecision(type, { expertReview: true, definitionHash: 'rules-hash-2' });
      c.send({ type: 'RESUBMIT', decision: corrected });
      expect(c.state).toBe('intake');
      expect(c.context.decision.definitionHash).toBe('rules-hash-2');
      expect(c.context.returnComment).toBeNull();
      expect(c.result.effects.openTasks.map((t) => [t.key, t.stage])).toEqual([['t2', 'intake']]);

      c.complete('intake', 'accept');
      expect(c.state).toBe('expert-review');
    });

    it('keeps only what the workflow needs of the decision in the snapshot', () => {
      const c = walk(type);
      expect(Object.keys(c.context.decision).sort()).toEqual(
        // derivedFacts: a report's due date is read from them (awaitPhase).
        ['definitionHash', 'derivedFacts', 'hardStops', 'level', 'route', 'score', 'submittedAt'].sort(),
      );
    });
  });

  describe('expert review', () => {
    it('is opened for the experts when the route asks for it, then the countersign follows', () => {
      const c = walk(type, { expertReview: true });
      c.complete('intake', 'accept');
      expect(c.state).toBe('expert-review');
      expect(c.result.effects.openTasks).toEqual([
        expect.objectContaining({ stage: 'expert-review', department: 'experts', timeLimitWorkingDays: 10 }),
      ]);
      c.complete('expert-review', 'approve');
      expect(c.state).toBe('countersign');
    });

    it('records an objection and carries on to the countersign', () => {
      const c = walk(type, { expertReview: true });
      c.complete('intake', 'accept');
      c.complete('expert-review', 'object', { comment: '新颖性存疑' });
      expect(c.state).toBe('countersign');
      expect(c.context.tasks.find((t) => t.stage === 'expert-review')).toMatchObject({
        outcome: 'object',
        comment: '新颖性存疑',
      });
    });

    it('may return the case for supplement', () => {
      const c = walk(type, { expertReview: true });
      c.complete('intake', 'accept');
      c.complete('expert-review', 'return', { comment: '补充检索报告' });
      expect(c.state).toBe('supplement');
    });

    it('is skipped when the route does not ask for it', () => {
      const c = walk(type, { expertReview: false });
      c.complete('intake', 'accept');
      expect(c.state).toBe('countersign');
    });
  });

  describe('countersign: all (会签)', () => {
    const route: RouteFixture = { mode: 'all', countersign: ['ndrc', 'finance', 'commerce'] };

    it('opens a task for every routed department and waits for all approvals', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      expect(c.result.effects.openTasks.map((t) => t.department)).toEqual(['ndrc', 'finance', 'commerce']);
      const [a, b, d] = c.openTasks('countersign');
      c.complete(b, 'approve');
      expect(c.state).toBe('countersign');
      expect(c.result.effects).toEqual({ openTasks: [], closeTasks: [{ key: b.key, status: 'done' }] });
      c.complete(a, 'approve');
      expect(c.state).toBe('countersign');
      c.complete(d, 'approve');
      expect(c.state).toBe('decision');
    });

    it('goes to supplement when one department returns, cancelling the others', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      const [a, b, d] = c.openTasks('countersign');
      c.complete(a, 'approve');
      c.complete(b, 'return', { comment: '补充许可合同' });
      expect(c.state).toBe('supplement');
      expect(c.result.effects.closeTasks).toEqual([
        { key: b.key, status: 'done' },
        { key: d.key, status: 'cancelled' },
      ]);
      expect(c.openTasks()).toEqual([]);
    });

    it('goes to the decision when one department objects, with the objection on record', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      const [a, b, d] = c.openTasks('countersign');
      c.complete(b, 'object', { comment: '资金用途不符' });
      expect(c.state).toBe('decision');
      expect(c.result.effects.closeTasks).toEqual([
        { key: a.key, status: 'cancelled' },
        { key: b.key, status: 'done' },
        { key: d.key, status: 'cancelled' },
      ]);
      expect(c.context.tasks.find((t) => t.key === b.key)).toMatchObject({
        outcome: 'object',
        comment: '资金用途不符',
      });
    });
  });

  describe('countersign: any (或签)', () => {
    const route: RouteFixture = { mode: 'any', countersign: ['ndrc', 'finance', 'commerce'] };

    it('completes on the first approval and cancels the other tasks', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      const [a, b, d] = c.openTasks('countersign');
      c.complete(b, 'approve');
      expect(c.state).toBe('decision');
      expect(c.result.effects.closeTasks).toEqual([
        { key: a.key, status: 'cancelled' },
        { key: b.key, status: 'done' },
        { key: d.key, status: 'cancelled' },
      ]);
    });

    it('records an objection and still lets another department approve', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      const [a, b] = c.openTasks('countersign');
      c.complete(a, 'object', { comment: '不同意' });
      expect(c.state).toBe('countersign');
      c.complete(b, 'approve');
      expect(c.state).toBe('decision');
    });

    it('goes to the decision when every department objected', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      for (const task of c.openTasks('countersign')) c.complete(task, 'object', { comment: '不同意' });
      expect(c.state).toBe('decision');
    });

    it('goes to supplement on a return', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      c.complete(c.openTasks('countersign')[2], 'return', { comment: '补充材料' });
      expect(c.state).toBe('supplement');
      expect(c.openTasks()).toEqual([]);
    });
  });

  describe('countersign: sequential (依次)', () => {
    const route: RouteFixture = { mode: 'sequential', countersign: ['commerce', 'most', 'customs'] };

    it('opens the tasks one after another in route order', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      const asked: string[] = [];
      while (c.state === 'countersign') {
        const task = c.openTask('countersign'); // exactly one at a time
        asked.push(task.department);
        c.complete(task, 'approve');
        if (c.state === 'countersign') {
          expect(c.result.effects.openTasks).toEqual([
            expect.objectContaining({ stage: 'countersign', timeLimitWorkingDays: 10 }),
          ]);
        }
      }
      expect(asked).toEqual(['commerce', 'most', 'customs']);
      expect(c.state).toBe('decision');
    });

    it('ends on an objection without asking the departments after it', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      c.complete('countersign', 'approve');
      c.complete('countersign', 'object', { comment: '技术出口受限' });
      expect(c.state).toBe('decision');
      expect(c.context.tasks.filter((t) => t.stage === 'countersign').map((t) => t.department)).toEqual([
        'commerce',
        'most',
      ]);
    });

    it('goes to supplement on a return', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      c.complete('countersign', 'return', { comment: '补充出口许可' });
      expect(c.state).toBe('supplement');
    });

    it('starts again from the first department after a supplement', () => {
      const c = walk(type, route);
      c.complete('intake', 'accept');
      c.complete('countersign', 'approve');
      c.complete('countersign', 'return', { comment: '补充' });
      c.send({ type: 'RESUBMIT', decision: fakeDecision(type, route) });
      c.complete('intake', 'accept');
      expect(c.openTask('countersign').department).toBe('commerce');
    });
  });

  it('goes straight to the decision when the route names no department to countersign', () => {
    const c = walk(type, { countersign: [] });
    c.complete('intake', 'accept');
    expect(c.state).toBe('decision');
  });

  describe('legality review', () => {
    it('follows the countersign when the route asks for it, with the Justice Bureau and 7 working days', () => {
      const c = walk(type, { legalityReview: true });
      c.complete('intake', 'accept');
      c.complete('countersign', 'approve');
      expect(c.state).toBe('legality-review');
      expect(c.result.label).toEqual({ zh: '合法性审查', en: 'Legality review' });
      expect(c.result.effects.openTasks).toEqual([
        expect.objectContaining({ stage: 'legality-review', department: 'justice', timeLimitWorkingDays: 7 }),
      ]);
      c.complete('legality-review', 'approve');
      expect(c.state).toBe('decision');
    });

    it('is not skipped by a countersign objection', () => {
      const c = walk(type, { legalityReview: true, countersign: ['ndrc', 'finance'] });
      c.complete('intake', 'accept');
      c.complete(c.openTasks('countersign')[0], 'object', { comment: '反对' });
      expect(c.state).toBe('legality-review');
      c.complete('legality-review', 'object', { comment: '依据不足' });
      expect(c.state).toBe('decision');
    });

    it('may return the case for supplement', () => {
      const c = walk(type, { legalityReview: true });
      c.complete('intake', 'accept');
      c.complete('countersign', 'approve');
      c.complete('legality-review', 'return', { comment: '补充法律意见' });
      expect(c.state).toBe('supplement');
    });
  });

  describe('decision outcomes', () => {
    it.each(['pass', 'defer', 'not-recommended'] as const)('%s archives the case', (outcome) => {
      const c = walk(type).approveUntilDecision();
      c.complete('decision', outcome);
      expect(c.state).toBe('archived');
      expect(c.result.status).toBe('closed');
      expect(c.result.outcome).toBe(outcome);
    });

    it('pass-with-conditions follows the conditions to fulfilment, then archives', () => {
      const c = walk(type, {}, 'commerce').approveUntilDecision();
      c.complete('decision', 'pass-with-conditions', { conditions: ['完成FTO检索', ' 签订许可合同 '] });
      expect(c.state).toBe('conditions');
      expect(c.result.status).toBe('open');
      expect(c.result.outcome).toBe('pass-with-conditions');
      expect(c.result.conditions).toEqual(['完成FTO检索', '签订许可合同']);
      expect(c.result.effects.openTasks).toEqual([
        {
          key: expect.any(String),
          stage: 'conditions',
          department: 'commerce',
          allowedOutcomes: ['fulfilled'],
          timeLimitWorkingDays: 20,
        },
      ]);
      c.complete('conditions', 'fulfilled');
      expect(c.state).toBe('archived');
      expect(c.result.status).toBe('closed');
      expect(c.result.outcome).toBe('pass-with-conditions');
      expect(c.result.conditions).toEqual(['完成FTO检索', '签订许可合同']);
    });

    it('refuses pass-with-conditions without conditions', () => {
      const c = walk(type).approveUntilDecision();
      const task = c.openTask('decision');
      expectRefused(() => c.complete(task, 'pass-with-conditions'), 'workflow.conditions-required');
      expectRefused(
        () => c.complete(task, 'pass-with-conditions', { conditions: [' ', ''] }),
        'workflow.conditions-required',
      );
      expect(c.state).toBe('decision');
    });
  });

  describe('hard stops', () => {
    const route: RouteFixture = { hardStops: ['credit.serious-infringement'] };

    it.each(['pass', 'pass-with-conditions', 'defer'] as const)(
      'refuse %s without an override reason',
      (outcome) => {
        const c = walk(type, route).approveUntilDecision();
        const conditions = outcome === 'pass-with-conditions' ? ['条件'] : [];
        const error = refusal(() => c.complete('decision', outcome, { conditions }));
        expect(error.code).toBe('workflow.override-required');
        expect(error.details).toMatchObject({ hardStops: ['credit.serious-infringement'] });
      },
    );

    it('allow not-recommended without a reason, and refuse (not drop) an override reason sent with it', () => {
      const c = walk(type, route).approveUntilDecision();
      expectRefused(
        () => c.complete('decision', 'not-recommended', { overrideReason: '无' }),
        'request.invalid',
      );
      c.complete('decision', 'not-recommended');
      expect(c.state).toBe('archived');
      expect(c.result.overrideReason).toBeNull();
    });

    it('refuse (not drop) conditions on any outcome but pass-with-conditions, and an override reason without a hard stop', () => {
      const c = walk(type).approveUntilDecision();
      expectRefused(() => c.complete('decision', 'pass', { conditions: ['条件'] }), 'request.invalid');
      expectRefused(
        () => c.complete('decision', 'pass', { overrideReason: '无硬性否决' }),
        'request.invalid',
      );
      expect(c.state).toBe('decision');
    });

    it('allow another outcome with an override reason, which is recorded', () => {
      const c = walk(type, route).approveUntilDecision();
      c.complete('decision', 'pass', { overrideReason: '失信记录已于受理后撤销，经集体讨论' });
      expect(c.state).toBe('archived');
      expect(c.result.outcome).toBe('pass');
      expect(c.result.overrideReason).toBe('失信记录已于受理后撤销，经集体讨论');
    });

    it('judge by the decision taken at the latest resubmission', () => {
      const c = walk(type, route);
      c.complete('intake', 'return', { comment: '补充信用修复证明' });
      c.send({ type: 'RESUBMIT', decision: fakeDecision(type) }); // the record was repaired: no hard stop now
      c.approveUntilDecision();
      c.complete('decision', 'pass');
      expect(c.state).toBe('archived');
    });
  });

  describe('withdrawal', () => {
    const route: RouteFixture = {
      expertReview: true,
      legalityReview: true,
      countersign: ['ndrc', 'finance'],
    };
    const reach: Record<string, (c: CaseWalk) => void> = {
      intake: () => undefined,
      supplement: (c) => c.complete('intake', 'return', { comment: '缺材料' }),
      'expert-review': (c) => c.complete('intake', 'accept'),
      countersign: (c) => {
        c.complete('intake', 'accept');
        c.complete('expert-review', 'approve');
      },
      'legality-review': (c) => {
        c.complete('intake', 'accept');
        c.complete('expert-review', 'approve');
        for (const task of c.openTasks('countersign')) c.complete(task, 'approve');
      },
      decision: (c) => c.approveUntilDecision(),
    };

    it.each(Object.keys(reach))('is allowed in %s and cancels the open tasks', (state) => {
      const c = walk(type, route);
      reach[state](c);
      expect(c.state).toBe(state);
      const open = c.openTasks().map((t) => t.key);
      c.send({ type: 'WITHDRAW', reason: '项目取消' });
      expect(c.state).toBe('withdrawn');
      expect(c.result.status).toBe('closed');
      expect(c.result.label).toEqual({ zh: '已撤回', en: 'Withdrawn' });
      expect(c.result.effects).toEqual({
        openTasks: [],
        closeTasks: open.map((key) => ({ key, status: 'cancelled' })),
      });
      expect(c.context.withdrawReason).toBe('项目取消');
      if (state === 'countersign') expect(open).toHaveLength(2);
    });

    it('is refused once the decision is taken', () => {
      const c = walk(type).approveUntilDecision();
      c.complete('decision', 'pass-with-conditions', { conditions: ['条件'] });
      expectRefused(() => c.send({ type: 'WITHDRAW' }), 'workflow.event-not-allowed');
      c.complete('conditions', 'fulfilled');
      expectRefused(() => c.send({ type: 'WITHDRAW' }), 'workflow.event-not-allowed');
    });
  });

  describe('refused events', () => {
    it('refuses an event the state does not accept', () => {
      const c = walk(type);
      expectRefused(
        () => c.send({ type: 'RESUBMIT', decision: fakeDecision(type) }),
        'workflow.event-not-allowed',
      );
      c.complete('intake', 'return', { comment: '缺材料' });
      const error = refusal(() => c.send({ type: 'TASK_COMPLETED', taskKey: 't1', outcome: 'accept' }));
      expect(error.code).toBe('workflow.event-not-allowed');
      expect(error.details).toEqual({ event: 'TASK_COMPLETED', state: 'supplement' });
      expectRefused(() => c.send({ type: 'UNKNOWN' } as never), 'workflow.event-not-allowed');
    });

    it('refuses a task that is not open: done, cancelled or unknown', () => {
      const c = walk(type, { mode: 'any', countersign: ['ndrc', 'finance'] });
      c.complete('intake', 'accept');
      const [a, b] = c.openTasks('countersign');
      expectRefused(
        () => c.send({ type: 'TASK_COMPLETED', taskKey: 't1', outcome: 'approve' }),
        'workflow.task-not-open',
      );
      expectRefused(
        () => c.send({ type: 'TASK_COMPLETED', taskKey: 't99', outcome: 'approve' }),
        'workflow.task-not-open',
      );
      c.complete(a, 'approve');
      expect(c.state).toBe('decision');
      expectRefused(
        () => c.send({ type: 'TASK_COMPLETED', taskKey: b.key, outcome: 'approve' }),
        'workflow.task-not-open',
      );
    });

    it('refuses an outcome the task does not allow', () => {
      const c = walk(type);
      const error = refusal(() => c.complete('intake', 'approve'));
      expect(error.code).toBe('workflow.outcome-not-allowed');
      expect(error.details).toMatchObject({ allowedOutcomes: ['accept', 'return'] });
      c.approveUntilDecision();
      expectRefused(() => c.complete('decision', 'return', { comment: 'x' }), 'workflow.outcome-not-allowed');
    });

    it('refuses a return without a comment at every reviewing stage', () => {
      const c = walk(type, { expertReview: true, legalityReview: true });
      expectRefused(() => c.complete('intake', 'return'), 'workflow.comment-required');
      expectRefused(() => c.complete('intake', 'return', { comment: '   ' }), 'workflow.comment-required');
      c.complete('intake', 'accept');
      expectRefused(
        () => c.complete('expert-review', 'return', { comment: null }),
        'workflow.comment-required',
      );
      c.complete('expert-review', 'approve');
      expectRefused(() => c.complete('countersign', 'return'), 'workflow.comment-required');
      c.complete('countersign', 'approve');
      expectRefused(() => c.complete('legality-review', 'return'), 'workflow.comment-required');
    });
  });

  describe('persistence and purity', () => {
    it('hands back a snapshot that is plain JSON and continues after a JSON round trip', () => {
      const definition = loadWorkflow(type);
      const first = initialState(definition, {
        competentDepartment: 'ndrc',
        decision: fakeDecision(type, { expertReview: true }),
      });
      const stored = JSON.stringify(first.snapshot);
      expect(JSON.parse(stored)).toEqual(first.snapshot);

      const accepted = transition(definition, JSON.parse(stored), {
        type: 'TASK_COMPLETED',
        taskKey: 't1',
        outcome: 'accept',
      });
      expect(accepted.state).toBe('expert-review');
      const reviewed = transition(definition, JSON.parse(JSON.stringify(accepted.snapshot)), {
        type: 'TASK_COMPLETED',
        taskKey: 't2',
        outcome: 'approve',
      });
      expect(reviewed.state).toBe('countersign');
      expect(reviewed.snapshot).toMatchObject({ status: 'active', value: { countersign: 'all' } });
    });

    it('gives the same result for the same snapshot and event, and leaves the input untouched', () => {
      const definition = loadWorkflow(type);
      const start = initialState(definition, { competentDepartment: 'ndrc', decision: fakeDecision(type) });
      const before = JSON.stringify(start.snapshot);
      const event = { type: 'TASK_COMPLETED', taskKey: 't1', outcome: 'accept' } as const;
      const once = transition(definition, start.snapshot, event);
      const twice = transition(definition, start.snapshot, event);
      expect(twice).toEqual(once);
      expect(JSON.stringify(start.snapshot)).toBe(before);
    });

    it('refuses something that is not a persisted snapshot', () => {
      const definition = loadWorkflow(type);
      expect(() => transition(definition, { nothing: true }, { type: 'WITHDRAW' })).toThrow(
        /persisted workflow snapshot/,
      );
    });
  });
});
