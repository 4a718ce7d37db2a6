import { ActiveKeys } from './active-keys';
import type { Principal } from './principal';

const principal = (keyId: string): Principal => ({
  keyId,
  role: 'reviewer',
  name: `key ${keyId}`,
  department: 'ndrc',
  creditCode: null,
});

describe('ActiveKeys', () => {
  it('keeps what a read found and gives it back, frozen, until the key is revoked', () => {
    const keys = new ActiveKeys();
    keys.add('hash-a', principal('a'), keys.readEpoch);
    keys.add('hash-b', principal('b'), keys.readEpoch);
    expect(keys.get('hash-a')).toEqual(principal('a'));
    expect(Object.isFrozen(keys.get('hash-a'))).toBe(true);
    keys.forget('a');
    expect(keys.get('hash-a')).toBeUndefined();
    expect(keys.get('hash-b')).toEqual(principal('b'));
  });

  it('does not keep a read that overlapped a revocation, begun or ended', () => {
    const keys = new ActiveKeys();
    const before = keys.readEpoch;
    keys.forget('a'); // the revocation begins while the read runs
    keys.add('hash-a', principal('a'), before);
    expect(keys.get('hash-a')).toBeUndefined();
    const during = keys.readEpoch;
    keys.forget('a'); // and ends after its COMMIT
    keys.add('hash-a', principal('a'), during);
    expect(keys.get('hash-a')).toBeUndefined();
    keys.add('hash-b', principal('b'), keys.readEpoch);
    expect(keys.get('hash-b')).toBeDefined();
  });

  it('holds at most 10,000 keys, the oldest going first', () => {
    const keys = new ActiveKeys();
    for (let i = 0; i <= 10_000; i += 1) keys.add(`hash-${i}`, principal(String(i)), keys.readEpoch);
    expect(keys.get('hash-0')).toBeUndefined();
    expect(keys.get('hash-1')).toBeDefined();
    expect(keys.get('hash-10000')).toBeDefined();
  });
});
