/**
 * Issue 13 item 6, the API contract: the served OpenAPI document lints clean (Redocly's engine,
 * @redocly/openapi-core, with its `recommended` rules: what `redocly lint` runs), every operation has a
 * summary, a success schema and its errors as application/problem+json; and a client generated from the
 * document with openapi-typescript type-checks, in strict mode and without a cast, a walkthrough
 * (test/fixtures/openapi-client/walkthrough.ts) that then runs against the service. Offline: everything
 * comes from node_modules and the service under test.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ts from 'typescript';
import { factFixture, REPO_ROOT } from './support/fact-fixtures';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from './support/test-app';

const SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'openapi-client', 'walkthrough.ts');
// Inside the repository, so that the script resolves openapi-fetch from node_modules; ignored by git.
const OUT = join(REPO_ROOT, `.openapi-client-test-${process.pid}`);

let t: TestApp;
let document: Record<string, unknown>;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  const res = await t.http.get('/docs-json');
  expect(res.status).toBe(200);
  document = res.body as Record<string, unknown>;
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await t?.close();
  rmSync(OUT, { recursive: true, force: true });
});

type Operation = {
  summary?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
function operations(): [string, Operation][] {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

describe('the OpenAPI document', () => {
  it('lints without errors (Redocly, recommended rules)', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('has servers, a bearer scheme that is not called JWT, and every operation its summary, success schema and problem+json errors', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
    const schemes = (document.components as { securitySchemes: Record<string, { bearerFormat?: string }> })
      .securitySchemes;
    expect(Object.values(schemes).map((s) => s.bearerFormat)).toEqual(['API key']);
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(25);
    for (const [name, op] of ops) {
      expect({ name, summary: typeof op.summary === 'string' && op.summary.length > 0 }).toEqual({
        name,
        summary: true,
      });
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => s.startsWith('2'));
      expect({ name, success: success.length }).toEqual({ name, success: 1 });
      if (success[0] !== '204')
        expect({
          name,
          schema: Object.values(op.responses[success[0]].content ?? {})[0]?.schema !== undefined,
        }).toEqual({
          name,
          schema: true,
        });
      expect({ name, has500: statuses.includes('500') }).toEqual({ name, has500: true });
      for (const status of statuses.filter((s) => Number(s) >= 400))
        expect({ name, status, types: Object.keys(op.responses[status].content ?? {}) }).toEqual({
          name,
          status,
          types: ['application/problem+json'],
        });
    }
  });
});

describe('a client generated from the served document', () => {
  it('type-checks a walkthrough in strict mode without a cast, and the walkthrough runs', async () => {
    // The generator's own command line, as a client project would run it (its ESM dependencies do not load
    // inside jest's CommonJS runtime).
    writeFileSync(join(OUT, 'openapi.json'), JSON.stringify(document));
    await promisify(execFile)(process.execPath, [
      join(REPO_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
      join(OUT, 'openapi.json'),
      '--output',
      join(OUT, 'schema.d.ts'),
    ]);
    const script = join(OUT, 'walkthrough.ts');
    copyFileSync(SCRIPT, script);

    const source = readFileSync(SCRIPT, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(source).not.toMatch(/\bas\s+(unknown|any|[A-Z{[(])|<[A-Z]\w*>\s*[\w(]|!\.|!\)|: any\b/);

    const program = ts.createProgram([script], {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file?.fileName.split('/').pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);

    // And it runs: the types describe the real answers.
    const js = ts.transpileModule(readFileSync(script, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    writeFileSync(join(OUT, 'walkthrough.js'), js);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { walkthrough } = require(join(OUT, 'walkthrough.js')) as {
      walkthrough: (...args: unknown[]) => Promise<Record<string, unknown>>;
    };
    const { applicant, ...facts } = factFixture('talent-introduction.low') as Record<string, unknown>;
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const result = await walkthrough(
      `http://127.0.0.1:${port}`,
      TEST_ADMIN_KEY,
      { type: 'talent-introduction', applicant, facts },
      {
        type: 'talent-introduction',
        title: '生成的客户端',
        competentDepartment: 'hrss',
        applicant,
        facts,
      },
    );
    expect(result).toMatchObject({
      assessmentLevel: 'low',
      evaluationLevel: 'low',
      allowedOutcomes: ['accept', 'return'],
      completedOutcome: 'accept',
      inboxCase: { title: '生成的客户端', type: 'talent-introduction', completedBy: null, total: 1 },
      searchFound: true,
      ownAssessments: { total: 1, levels: ['low'] },
      other: {
        healthStatus: 'ok',
        typeLabel: expect.any(String),
        firedRules: expect.any(Array),
        trailLevels: ['low'],
        replayIdentical: [true],
        hashVerified: false,
        fileVerified: false,
        keyField: {
          drafted: 'draft',
          edited: '修改后的正文。',
          returned: '请补充',
          submittedCaseCount: 0,
          approved: 'published',
          listed: 1,
          read: expect.any(String),
          publicPdf: expect.stringMatching(/\.pdf$/),
          revisedEdition: 2,
          withdrawn: 'withdrawn',
          publicNotices: 1,
        },
      },
    });
    expect(result.caseState).not.toBe('intake');
  }, 180_000); // a TypeScript program and a generator run: seconds, more on a busy machine
});

/**
 * The document's component schemas, closed: every object that lists its properties refuses others, so an
 * answer carrying a field its schema does not name fails as surely as one missing a required field.
 */
function closedSchemas(): Record<string, unknown> {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (typeof node !== 'object' || node === null) return node;
    const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, close(v)]));
    if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
    return copy;
  };
  return close((document.components as { schemas: Record<string, unknown> }).schemas) as Record<
    string,
    unknown
  >;
}

describe('the success schemas', () => {
  it('name a component for every JSON answer, and every free-form object in them says what it is', () => {
    for (const [name, op] of operations()) {
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))!;
      const json = success[1].content?.['application/json']?.schema as
        { $ref?: string; items?: { $ref?: string } } | undefined;
      if (json)
        expect({ name, ref: json.$ref ?? json.items?.$ref }).toEqual({ name, ref: expect.any(String) });
    }
    const vague: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      const freeForm = schema.type === 'object' && !schema.properties && schema.additionalProperties === true;
      if (freeForm && typeof schema.description !== 'string') vague.push(at);
      for (const [key, value] of Object.entries(schema)) walk(value, `${at}/${key}`);
    };
    walk((document.components as { schemas: unknown }).schemas, '#/components/schemas');
    expect(vague).toEqual([]);
  });
});

// After the walkthrough, which counts what it created on a fresh service.
describe('the answers', () => {
  it('match their schemas exactly: no field missing, none unnamed', async () => {
    // OpenAPI's own keywords (example, discriminator) are not JSON Schema's; formats are not what is checked.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: { schemas: closedSchemas() } });
    const check = (schema: string, body: unknown, array = false) => {
      const ref = { $ref: `openapi#/components/schemas/${schema}` };
      const validate = ajv.compile(array ? { type: 'array', items: ref } : ref);
      validate(body);
      expect({ schema, errors: validate.errors ?? [] }).toEqual({ schema, errors: [] });
    };
    const key = async (body: Record<string, unknown>) => {
      const res = await t.http
        .post('/api/v1/keys')
        .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
        .send(body);
      expect(res.status).toBe(201);
      return `Bearer ${res.body.key as string}`;
    };
    const officer = await key({ role: 'officer', name: 'schema officer', department: 'hrss' });
    const auditor = await key({ role: 'auditor', name: 'schema auditor' });
    const ipo = await key({ role: 'officer', name: 'schema ipo', department: 'ipo' });
    const ipoReviewer = await key({ role: 'reviewer', name: 'schema ipo reviewer', department: 'ipo' });
    const answer = async (
      method: 'get' | 'post',
      path: string,
      as: string | null,
      status: number,
      body?: object,
    ) => {
      let req = t.http[method](`/api/v1${path}`);
      if (as) req = req.set('Authorization', as);
      const res = await (body ? req.send(body) : req);
      expect({ path, status: res.status }).toEqual({ path, status });
      return res.body as Record<string, unknown>;
    };

    check('Health', await answer('get', '/health', null, 200));
    check('DefinitionDetail', await answer('get', '/definitions/talent-introduction', officer, 200));
    const { applicant, ...facts } = factFixture('talent-introduction.low') as Record<string, unknown>;
    const evaluation = await answer('post', '/evaluations', officer, 201, {
      type: 'talent-introduction',
      title: '按文档核对的回答',
      competentDepartment: 'hrss',
      applicant,
      facts,
    });
    check('EvaluationView', evaluation);
    const id = evaluation.id as string;
    check('TimelineEntry', await answer('get', `/evaluations/${id}/trail`, auditor, 200), true);
    check('ReplayReport', await answer('post', `/evaluations/${id}/replay`, auditor, 200));
    check('VerificationReport', await answer('get', '/audit/verify', auditor, 200));
    check(
      'ReportVerification',
      await answer('get', `/reports/verify?sha256=${'0'.repeat(64)}`, auditor, 200),
    );

    const report = await answer('post', '/key-field-reports', ipo, 201, {
      field: '人才',
      title: '人才引进重点领域报告',
      body: '正文。',
      competentDepartment: 'ipo',
      scope: { types: ['talent-introduction'], closedFrom: '2026-01-01' },
    });
    check('KeyFieldReport', report);
    check('KeyFieldReport', await answer('post', `/key-field-reports/${report.id}/submit`, ipo, 200));
    check(
      'KeyFieldReport',
      await answer('post', `/key-field-reports/${report.id}/approve`, ipoReviewer, 200),
    );
    check('KeyFieldReportPage', await answer('get', '/key-field-reports', ipo, 200));
    check('PublicReportPage', await answer('get', '/public/reports', null, 200));
  }, 120_000);
});
