/**
 * Rate limiting per API key (IPR_RATE_LIMIT_PER_MINUTE, here 5): a key over its budget gets 429
 * problem+json with Retry-After, while another key and the admin are unaffected; a wrong key or no key is
 * limited too (per presented secret, per IP address), because the limit runs before authentication.
 */
import { expectProblem } from './support/api-client';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

const API = '/api/v1';
const LIMIT = 5;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { IPR_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
});

afterAll(async () => {
  await t?.close();
});

async function issueKey(name: string): Promise<string> {
  const res = await t.http
    .post(`${API}/keys`)
    .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
    .send({ role: 'auditor', name });
  expect(res.status).toBe(201);
  return res.body.key as string;
}

const getAs = (key: string | null, path = '/departments') => {
  const req = t.http.get(`${API}${path}`);
  return key === null ? req : req.set('Authorization', `Bearer ${key}`);
};

describe('rate limit per key', () => {
  it('answers 429 problem+json to a key over its budget, and only to that key', async () => {
    const first = await issueKey('first');
    const second = await issueKey('second');
    for (let i = 0; i < LIMIT; i += 1) expect((await getAs(first)).status).toBe(200);

    const limited = await getAs(first);
    expectProblem(limited, 429);
    expect(limited.body).toMatchObject({ status: 429, type: 'urn:ipr:problem:http-429' });
    expect(Number(limited.headers['retry-after-per-key'] ?? limited.headers['retry-after'])).toBeGreaterThan(
      0,
    );
    // The budget is the key's, not the route's: another route is refused as well.
    expectProblem(await getAs(first, '/definitions'), 429);

    expect((await getAs(second)).status).toBe(200);
    expect((await getAs(second, '/definitions')).status).toBe(200);
  });

  it('limits requests with an unknown key before authenticating them', async () => {
    const unknown = 'ipr_this-key-was-never-issued-0123456789';
    for (let i = 0; i < LIMIT; i += 1) expectProblem(await getAs(unknown), 401);
    expectProblem(await getAs(unknown), 429);
  });

  it('limits requests without a key by IP address, public ones included', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await getAs(null, '/health')).status).toBe(200);
    expectProblem(await getAs(null, '/health'), 429);
    expectProblem(await getAs(null, '/departments'), 429);
  });
});
