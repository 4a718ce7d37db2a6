/**
 * Console sessions over real HTTP on the suite's database: cookie flags, CSRF tokens on every form,
 * inactivity expiry, sign-out, revoked keys, the API untouched by cookies, and form errors as the API
 * words them, at their field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MovableClock } from '../support/movable-clock';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';

const START = '2026-03-02T02:00:00.000Z';

describe('console sessions', () => {
  let t: TestApp;
  const clock = new MovableClock(START);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { IPR_TRUST_PROXY: 'true' } });
  });
  afterAll(async () => t.close());

  const agent = () => request.agent(t.app.getHttpServer());

  async function signedIn(key = TEST_ADMIN_KEY) {
    const a = agent();
    const res = await a.post('/sign-in').type('form').send({ key });
    expect(res.status).toBe(303);
    const page = await a.get('/admin/keys');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    return { a, res, csrf: csrf ?? '' };
  }

  it('signs in with a key into an HttpOnly, SameSite=Strict cookie, Secure behind a TLS proxy', async () => {
    const plain = await agent().post('/sign-in').type('form').send({ key: TEST_ADMIN_KEY });
    const cookie = plain.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^ipr_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const proxied = await agent()
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ key: TEST_ADMIN_KEY });
    expect(proxied.headers['set-cookie'][0]).toContain('Secure');
  });

  it('refuses an unknown key on the page, and a sign-in posted from another site', async () => {
    const wrong = await agent().post('/sign-in').type('form').send({ key: 'ipr_nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.text).toContain('aria-invalid="true"');
    const foreign = await agent()
      .post('/sign-in')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ key: TEST_ADMIN_KEY });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['set-cookie']).toBeUndefined();
  });

  it('sends a person without a session to the sign-in page, and back afterwards', async () => {
    const res = await agent().get('/admin/keys?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fkeys%3Fx%3D1');
    const a = agent();
    const back = await a
      .post('/sign-in')
      .type('form')
      .send({ key: TEST_ADMIN_KEY, next: '/admin/definitions' });
    expect(back.headers.location).toBe('/admin/definitions');
    const offsite = await a
      .post('/sign-in')
      .type('form')
      .send({ key: TEST_ADMIN_KEY, next: '//evil.example/' });
    expect(offsite.headers.location).toBe('/admin/keys');
  });

  it('refuses a form without the session token, or with another session’s', async () => {
    const { a, csrf } = await signedIn();
    const other = await signedIn();
    const form = { role: 'auditor', name: 'CSRF probe' };
    expect((await a.post('/admin/keys').type('form').send(form)).status).toBe(403);
    expect(
      (
        await a
          .post('/admin/keys')
          .type('form')
          .send({ ...form, _csrf: other.csrf })
      ).status,
    ).toBe(403);
    const ok = await a
      .post('/admin/keys')
      .type('form')
      .send({ ...form, _csrf: csrf });
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.text).toMatch(/id="new-secret">ipr_/);
  });

  it('shows the API’s validation errors at their field, with nothing written', async () => {
    const { a, csrf } = await signedIn();
    const before = (await t.http.get('/api/v1/keys').set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)).body
      .length;
    const res = await a
      .post('/admin/keys')
      .type('form')
      .send({ _csrf: csrf, role: 'enterprise', name: 'X', creditCode: '91441500MA4W3K2QX0' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toMatch(/id="f-creditCode-error"[^>]*>[^<]*creditCode/);
    const after = (await t.http.get('/api/v1/keys').set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)).body
      .length;
    expect(after).toBe(before);
  });

  it('ends a session after the idle limit, on sign-out, and when its key is revoked', async () => {
    const idle = await signedIn();
    clock.set(new Date(Date.parse(START) + 29 * 60_000));
    expect((await idle.a.get('/admin/keys')).status).toBe(200); // activity moves the limit on
    clock.set(new Date(Date.parse(START) + 58 * 60_000));
    expect((await idle.a.get('/admin/keys')).status).toBe(200);
    clock.set(new Date(Date.parse(START) + 89 * 60_000));
    expect((await idle.a.get('/admin/keys')).status).toBe(303);

    const out = await signedIn();
    await out.a.post('/sign-out');
    expect((await out.a.get('/admin/keys')).status).toBe(303);

    const created = await t.http
      .post('/api/v1/keys')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ role: 'auditor', name: 'Short-lived auditor' });
    const auditor = await signedIn(created.body.key);
    expect((await auditor.a.get('/auditor')).status).toBe(200);
    await t.http.delete(`/api/v1/keys/${created.body.id}`).set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);
    expect((await auditor.a.get('/auditor')).status).toBe(303);
  });

  it('asks the one policy: a page the API would refuse is refused, and not offered in the menu', async () => {
    const created = await t.http
      .post('/api/v1/keys')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ role: 'enterprise', name: 'Menu probe', creditCode: '91441500MA4W3K2QXP' });
    const { a } = await signedIn(created.body.key);
    const cases = await a.get('/cases');
    expect(cases.status).toBe(200);
    expect(cases.text).not.toContain('href="/admin/keys"');
    expect(cases.text).not.toContain('href="/auditor"');
    expect((await a.get('/admin/keys')).status).toBe(403);
    expect((await a.get('/auditor')).status).toBe(403);
    expect((await a.get('/inbox')).status).toBe(403);
  });

  it('leaves the API to bearer keys: a console cookie opens no API endpoint, and the API still takes JSON only', async () => {
    const { a } = await signedIn();
    expect((await a.get('/api/v1/keys')).status).toBe(401);
    const form = await t.http
      .post('/api/v1/keys')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .type('form')
      .send({ role: 'auditor', name: 'x' });
    expect(form.status).toBe(415);
  });

  it('remembers the language in a cookie and only returns to local paths', async () => {
    const res = await agent().get('/lang?to=en&back=%2Fsign-in');
    expect(res.headers.location).toBe('/sign-in');
    expect(res.headers['set-cookie'][0]).toMatch(/^ipr_lang=en;/);
    const english = await agent().get('/sign-in').set('Cookie', 'ipr_lang=en');
    expect(english.text).toContain('<html lang="en">');
    const offsite = await agent().get('/lang?to=en&back=https://evil.example');
    expect(offsite.headers.location).toBe('/');
  });
});

describe('console sessions across instances', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipr-console-'));
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two services on one database: PostgreSQL as CI runs it, or one SQLite file.
    const shared = { sqlitePath: join(dir, 'shared.sqlite') };
    first = await startTestApp(shared);
    second = await startTestApp({ ...shared, resetDatabase: false });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a person signed in on one instance is signed in on the other, and signed out on both', async () => {
    const signIn = await request(first.app.getHttpServer())
      .post('/sign-in')
      .type('form')
      .send({ key: TEST_ADMIN_KEY });
    const cookie = (signIn.headers['set-cookie'][0] as string).split(';')[0];
    const page = await request(second.app.getHttpServer()).get('/admin/keys').set('Cookie', cookie);
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const issued = await request(second.app.getHttpServer())
      .post('/admin/keys')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, role: 'auditor', name: 'Issued on the second instance' });
    expect(issued.status).toBe(200);
    await request(second.app.getHttpServer()).post('/sign-out').set('Cookie', cookie);
    expect((await request(first.app.getHttpServer()).get('/admin/keys').set('Cookie', cookie)).status).toBe(
      303,
    );
  });
});
