import { DomainError } from '../common/domain-error';
import { keyFieldTransition, type KeyFieldEvent, type KeyFieldStatus } from './key-field-workflow';

describe('keyFieldTransition', () => {
  it.each<[KeyFieldStatus, KeyFieldEvent, KeyFieldStatus]>([
    ['draft', 'submit', 'in-review'],
    ['in-review', 'approve', 'published'],
    ['in-review', 'return', 'draft'],
    ['published', 'withdraw', 'withdrawn'],
    ['draft', 'withdraw', 'withdrawn'],
    ['published', 'supersede', 'superseded'],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(keyFieldTransition(from, event, 'a reason')).toBe(to);
  });

  it.each<[KeyFieldStatus, KeyFieldEvent]>([
    ['draft', 'approve'],
    ['published', 'submit'],
    ['withdrawn', 'withdraw'],
    ['superseded', 'approve'],
    ['in-review', 'supersede'],
  ])('refuses %s --%s--> with a 409 code', (from, event) => {
    expect(() => keyFieldTransition(from, event, 'r')).toThrow(
      expect.objectContaining({ code: 'workflow.event-not-allowed' }) as DomainError,
    );
  });

  it('needs a reason to return or withdraw', () => {
    expect(() => keyFieldTransition('in-review', 'return', '  ')).toThrow(
      expect.objectContaining({ code: 'request.invalid' }) as DomainError,
    );
    expect(() => keyFieldTransition('published', 'withdraw', null)).toThrow(
      expect.objectContaining({ code: 'request.invalid' }) as DomainError,
    );
  });
});
