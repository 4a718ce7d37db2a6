/// <reference lib="dom" />
/**
 * A real Chromium driven by playwright-core for the console's browser tests: headless, no sandbox (CI runs
 * as root), nothing of its own on the network, a fresh empty profile. Every request the pages make is
 * recorded, so a test can show that none left the service. Pages are checked with axe-core and
 * photographed at a desktop and a phone width into test-artifacts/screenshots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';

export const CHROMIUM = process.env.IPR_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

export class BrowserSession {
  readonly requests: string[] = [];
  readonly violations: { page: string; violations: AxeViolation[] }[] = [];
  readonly consoleErrors: string[] = [];
  private constructor(
    readonly base: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
    private readonly database: string,
  ) {}

  static async start(app: TestApp): Promise<BrowserSession> {
    await app.app.listen(0, '127.0.0.1');
    const { port } = app.app.getHttpServer().address() as AddressInfo;
    const profile = mkdtempSync(join(tmpdir(), 'ipr-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const session = new BrowserSession(`http://127.0.0.1:${port}`, context, page, profile, app.database);
    context.on('request', (request) => session.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') session.consoleErrors.push(message.text());
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return session;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(this.base + path);
  }

  /** Requests that went anywhere but the service (data: and about: URLs never leave the browser). */
  foreignRequests(): string[] {
    return this.requests.filter(
      (url) => !url.startsWith(this.base + '/') && !/^(data|about|blob):/.test(url),
    );
  }

  async signIn(key: string): Promise<void> {
    await this.context.clearCookies();
    await this.goto('/sign-in');
    await this.page.fill('#key', key);
    await Promise.all([this.page.waitForNavigation(), this.page.click('main form button[type=submit]')]);
  }

  /**
   * axe-core on the page as it is, then screenshots at 1280 and 390 px. axe runs through the DevTools
   * protocol, which the page's Content-Security-Policy does not restrict (the pages allow no inline script).
   */
  async check(name: string): Promise<void> {
    await this.page.evaluate(AXE_SOURCE);
    const result = (await this.page.evaluate(() =>
      (
        window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }
      ).axe.run(document),
    )) as { violations: AxeViolation[] };
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) this.violations.push({ page: name, violations: bad });
    for (const width of [1280, 390]) {
      await this.page.setViewportSize({ width, height: 900 });
      await this.page.screenshot({
        path: join(SCREENSHOTS, `${this.database}-${name}-${width}.png`),
        fullPage: true,
      });
    }
    await this.page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Fills a form generated from a facts contract with a facts object, field by field as a person would. */
  async fillFacts(values: unknown, prefix: string): Promise<void> {
    if (Array.isArray(values)) {
      for (const [i, row] of values.entries()) await this.fillFacts(row, `${prefix}.${i}`);
      return;
    }
    if (typeof values === 'object' && values !== null) {
      for (const [key, value] of Object.entries(values))
        await this.fillFacts(value, prefix ? `${prefix}.${key}` : key);
      return;
    }
    const selector = `[name="${prefix}"]`;
    if (typeof values === 'boolean') {
      await this.page.check(`${selector}[value="${values}"]`);
      return;
    }
    const tag = await this.page.$eval(selector, (el) => el.tagName.toLowerCase());
    if (tag === 'select') await this.page.selectOption(selector, String(values));
    else await this.page.fill(selector, values === null ? '' : String(values));
  }

  async submitForm(formSelector = 'main form.card'): Promise<void> {
    await Promise.all([
      this.page.waitForNavigation(),
      this.page.click(`${formSelector} button[type=submit]`),
    ]);
  }
}
