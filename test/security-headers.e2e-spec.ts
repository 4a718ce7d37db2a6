/**
 * Standard security headers (helmet, applied in configureApp) on every kind of answer: a public JSON
 * answer, an authenticated one and a problem+json error; and nothing that advertises the framework.
 */
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

const EXPECTED: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'/,
  'strict-transport-security': /max-age=\d+/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^SAMEORIGIN$/,
  'referrer-policy': /^no-referrer$/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'origin-agent-cluster': /^\?1$/,
  'x-dns-prefetch-control': /^off$/,
  'x-download-options': /^noopen$/,
  'x-permitted-cross-domain-policies': /^none$/,
  'x-xss-protection': /^0$/,
};

describe('security headers', () => {
  it.each([
    ['a public answer', () => t.http.get('/api/v1/health'), 200],
    [
      'an authenticated answer',
      () => t.http.get('/api/v1/departments').set('Authorization', `Bearer ${TEST_ADMIN_KEY}`),
      200,
    ],
    ['an error', () => t.http.get('/api/v1/departments'), 401],
    ['an unknown route', () => t.http.get('/api/v1/no-such-thing'), 404],
  ])('are set on %s', async (_what, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    for (const [header, pattern] of Object.entries(EXPECTED))
      expect([header, res.headers[header]]).toEqual([header, expect.stringMatching(pattern)]);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
