import {
  canonicalJson,
  CanonicalJson,
  canonicalObject,
  chainHash,
  GENESIS_HASH,
  type ChainedEvent,
} from './audit-hash';
import { storedEventHash } from './event-canonical';

/** Values that exercise RFC 8785: key order by code unit (not numeric), escapes, numbers, nesting. */
const facts = {
  zeta: 1,
  alpha: { b: [1, 2.5, -0, 1e21, null, 'x'], a: '意见 "quoted" \n\t\u0001 é 😀 \ud800' },
  '10': 'ten',
  '9': 'nine',
  B: true,
  é: 'accent',
  '😀': 'emoji',
  '': 'empty key',
  skipped: undefined,
};
const decision = {
  score: 12,
  level: 'medium',
  findings: [{ ruleId: 'r1', points: 3, explanation: { zh: '中文', en: 'English' } }],
};

describe('canonicalObject', () => {
  it('is byte for byte canonicalJson of the same object with pre-canonicalised values in place', () => {
    const composed = canonicalObject({
      round: 2,
      facts: CanonicalJson.of(facts),
      decision: CanonicalJson.of(decision),
      note: undefined,
    });
    expect(composed.text).toBe(canonicalJson({ round: 2, facts, decision, note: undefined }));
  });

  it('gives the same text as UTF-8 bytes when a value is held as bytes, and decodes it on request', () => {
    const bytes = new CanonicalJson(Buffer.from(canonicalJson(decision), 'utf8'));
    expect(bytes.text).toBe(canonicalJson(decision));
    const composed = canonicalObject({ round: 2, facts: CanonicalJson.of(facts), decision: bytes });
    expect(composed.content).toBeInstanceOf(Uint8Array);
    expect(composed.text).toBe(canonicalJson({ round: 2, facts, decision }));
    // Bytes first and last among the members, with nothing else around them.
    expect(canonicalObject({ a: bytes, b: bytes }).text).toBe(canonicalJson({ a: decision, b: decision }));
    expect(canonicalObject({ a: bytes }).text).toBe(canonicalJson({ a: decision }));
  });

  it('sorts its own keys as canonicalize does and canonicalises plain values itself', () => {
    const fields = {
      type: 'trade-show',
      '10': 1,
      '9': 2,
      title: '展会 "A"',
      Z: null,
      é: [3, { b: 1, a: 2 }],
      facts: CanonicalJson.of(facts),
    };
    expect(canonicalObject(fields).text).toBe(canonicalJson({ ...fields, facts }));
    expect(canonicalObject({}).text).toBe('{}');
  });

  it('gives the event hash that canonicalising the whole event gives', () => {
    const event: ChainedEvent = {
      seq: 41,
      occurredAt: '2026-03-02T02:00:01.000Z',
      actorId: 'key-1',
      actorRole: 'officer',
      actorDepartment: 'hrss',
      action: 'decision.made',
      entityType: 'evaluation',
      entityId: 'case-1',
      caseId: 'case-1',
      fromState: null,
      toState: null,
      payload: { round: 1, facts, decision },
    };
    const payload = canonicalObject({
      round: 1,
      facts: CanonicalJson.of(facts),
      decision: CanonicalJson.of(decision),
    }).text;
    expect(storedEventHash({ ...event, payload, prevHash: GENESIS_HASH, hash: '' })).toBe(
      chainHash(GENESIS_HASH, event),
    );
  });
});
