/**
 * Rate limits (IPR_RATE_LIMIT_PER_MINUTE, here 5): a key over its budget gets 429 problem+json with
 * Retry-After while another key is unaffected; made-up keys and requests without a key count against the
 * client's address before any lookup of the key (issue 13: 6,000 random keys went through, each with a
 * database lookup); the health probe is never limited; on PostgreSQL two instances share the counters.
 * Each test starts its own service, so that the address's budget starts full, on a clock that stands still
 * in the middle of a minute window (a window ending mid-test would refill the budget).
 */
import { randomBytes } from 'node:crypto';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { expectProblem } from './support/api-client';
import { MovableClock } from './support/movable-clock';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

const API = '/api/v1';
const LIMIT = 5;
let apps: TestApp[] = [];

async function start(options: { resetDatabase?: boolean } = {}): Promise<TestApp> {
  const t = await startTestApp({
    ...options,
    clock: new MovableClock('2026-03-02T10:00:30Z'),
    env: { IPR_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
  });
  apps.push(t);
  return t;
}

afterEach(async () => {
  for (const t of apps.reverse()) await t.close();
  apps = [];
});

async function issueKey(t: TestApp, name: string): Promise<string> {
  const res = await t.http
    .post(`${API}/keys`)
    .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
    .send({ role: 'auditor', name });
  expect(res.status).toBe(201);
  return res.body.key as string;
}

const getAs = (t: TestApp, key: string | null, path = '/departments') => {
  const req = t.http.get(`${API}${path}`);
  return key === null ? req : req.set('Authorization', `Bearer ${key}`);
};

describe('rate limit', () => {
  it('answers 429 problem+json with Retry-After to a key over its budget, and only to that key', async () => {
    const t = await start();
    const first = await issueKey(t, 'first');
    const second = await issueKey(t, 'second');
    for (let i = 0; i < LIMIT; i += 1) expect((await getAs(t, first)).status).toBe(200);

    const limited = await getAs(t, first);
    expectProblem(limited, 429);
    expect(limited.body).toMatchObject({ status: 429, type: 'urn:ipr:problem:http-429' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The budget is the key's, not the route's: another route is refused as well.
    expectProblem(await getAs(t, first, '/definitions'), 429);

    expect((await getAs(t, second)).status).toBe(200);
    expect((await getAs(t, second, '/definitions')).status).toBe(200);
  });

  it('counts many random keys against the address, and refuses them past the limit without looking them up', async () => {
    const t = await start();
    const lookups = jest.spyOn(t.app.get(ApiKeysService), 'principalFor');
    const answers: number[] = [];
    for (let i = 0; i < 40; i += 1)
      answers.push((await getAs(t, `ipr_${randomBytes(24).toString('hex')}`)).status);
    expect(answers.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(answers.slice(LIMIT)).toEqual(Array(40 - LIMIT).fill(429));
    expect(lookups).toHaveBeenCalledTimes(LIMIT);
    // Requests without a key share that address's budget.
    expectProblem(await getAs(t, null), 429);
    // A key that already authenticated here keeps its own budget.
    lookups.mockRestore();
  });

  it('never limits the health probe', async () => {
    const t = await start();
    for (let i = 0; i < LIMIT * 3; i += 1) expect((await getAs(t, null, '/health')).status).toBe(200);
    for (let i = 0; i < LIMIT; i += 1) expectProblem(await getAs(t, null), 401);
    expectProblem(await getAs(t, null), 429);
    expect((await getAs(t, null, '/health')).status).toBe(200);
  });

  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
  onPostgres('shares the counters between two instances on one PostgreSQL database', async () => {
    const one = await start();
    const two = await start({ resetDatabase: false });
    const key = await issueKey(one, 'shared');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await getAs(i % 2 ? one : two, key)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expectProblem(await getAs(one, key), 429);
    expectProblem(await getAs(two, key), 429);
    // Made-up keys alike: the address's budget is one across both. Three of its hits are spent already:
    // the first request of the admin key (on one) and of the shared key on each instance, which counted
    // against the address before the key was known there.
    const madeUp: number[] = [];
    for (let i = 0; i < LIMIT; i += 1)
      madeUp.push((await getAs(i % 2 ? one : two, `ipr_${randomBytes(24).toString('hex')}`)).status);
    expect(madeUp).toEqual([401, 401, 429, 429, 429]);
  });
});
