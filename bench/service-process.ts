/**
 * The service as deployed, for the HTTP benchmarks: compiled once per `npm run bench` (tsc with
 * tsconfig.build.json into a temporary folder at the root of the repository, so the repository's dist/ is
 * left alone) and started as its own process on a fresh SQLite file, or on a PostgreSQL database (one or
 * several instances on the same one), so its memory is measured without the load generator's.
 * It runs with the node options of `npm start`; BENCH_NODE_FLAGS adds more, e.g. "--max-old-space-size=128"
 * to see what a smaller heap costs in CPU and saves in RSS.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..');

/**
 * The node options of `npm start` (package.json), so the benchmarks measure the service as it is deployed:
 * e.g. `--max-semi-space-size=8`, which V8 only reads when the process starts.
 */
function deployedNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdefghijklmnop';

let built: string | null = null;

/** Compiles src/ once; returns the folder holding main.js. */
export function buildService(): string {
  if (built) return built;
  // A folder at the root of the repository, as deep as dist/: the compiled files resolve their packages
  // from the repository's node_modules and find rules/ and workflows/ where dist/ finds them.
  const outDir = mkdtempSync(join(REPO_ROOT, '.bench-build-'));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  // The assets nest-cli.json copies into dist/.
  cpSync(join(REPO_ROOT, 'src', 'reports', 'templates'), join(outDir, 'reports', 'templates'), {
    recursive: true,
  });
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
  built = outDir;
  return outDir;
}

export interface ServiceProcess {
  url: string; // e.g. http://127.0.0.1:41234/api/v1
  pid: number;
  sqlitePath: string;
  /** Resident set size now, in MiB, from /proc. */
  rssMiB(): number;
  /** The largest RSS seen since start by the sampler (every 100 ms). */
  peakRssMiB(): number;
  /** CPU time (user + system) the process has used so far, in ms, from /proc. */
  cpuMs(): number;
  /**
   * The same for its main thread alone (the event loop: requests, the writer's statements handed out and
   * answered); the rest is the decision and report threads, SQLite's pool thread, V8's collector and compiler.
   */
  mainThreadCpuMs(): number;
  /** Ends the process (SIGTERM); the database file stays, to be read. */
  stop(): Promise<void>;
  /** Stops the process if it runs and removes its database. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The caller's environment without any database URL of its own, plus `own`. */
function serviceEnv(own: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...own };
  if (!own.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export interface ServiceOptions {
  /** PostgreSQL instead of a fresh SQLite file; instances started with the same URL share the database. */
  databaseUrl?: string;
  /** The audit signing key file, which instances on one database must share (PostgreSQL requires one). */
  signingKeyFile?: string;
}

/** Starts the compiled service and waits until /health answers. */
export async function startService(options: ServiceOptions = {}): Promise<ServiceProcess> {
  const dist = buildService();
  const dataDir = mkdtempSync(join(tmpdir(), 'ipr-bench-data-'));
  const sqlitePath = join(dataDir, 'bench.sqlite');
  const database: Record<string, string> = options.databaseUrl
    ? {
        DATABASE_URL: options.databaseUrl,
        IPR_AUDIT_SIGNING_KEY_FILE: options.signingKeyFile ?? join(dataDir, 'audit-signing-key'),
      }
    : { IPR_SQLITE_PATH: sqlitePath };
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...deployedNodeFlags(),
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      join(dist, 'main.js'),
    ],
    {
      cwd: REPO_ROOT,
      env: serviceEnv({
        PORT: String(port),
        ...database,
        IPR_ADMIN_KEY: BENCH_ADMIN_KEY,
        LOG_LEVEL: 'warn',
        IPR_RATE_LIMIT_PER_MINUTE: '10000000',
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const pid = child.pid as number;
  const rssMiB = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  const cpuMsOf = (statPath: string) => {
    try {
      // Fields 14 and 15 of a stat file (after the parenthesised name): utime and stime in clock ticks.
      const fields = readFileSync(statPath, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return 0;
    }
  };
  const cpuMs = () => cpuMsOf(`/proc/${pid}/stat`);
  // The main thread's task id is the process id.
  const mainThreadCpuMs = () => cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 100);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 60_000;
  const fail = (reason: string) => {
    clearInterval(sampler);
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    return new Error(reason);
  };
  for (;;) {
    if (child.exitCode !== null)
      throw fail(`The service exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw fail('The service did not answer /health within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    clearInterval(sampler);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    pid,
    sqlitePath,
    rssMiB,
    peakRssMiB: () => Math.max(peak, rssMiB()),
    cpuMs,
    mainThreadCpuMs,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON request with a bearer key; throws unless the status is the expected one. */
export async function call<T>(
  url: string,
  method: string,
  path: string,
  key: string,
  body?: unknown,
  expected = [200, 201],
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expected.includes(res.status))
    throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Keys per role and scope, created through the API as the admin. */
export class KeyRing {
  private readonly keys = new Map<string, string>();

  constructor(private readonly url: string) {}

  async get(role: 'officer' | 'reviewer' | 'auditor', department?: string): Promise<string> {
    const id = `${role}:${department ?? ''}`;
    let key = this.keys.get(id);
    if (!key) {
      const created = await call<{ key: string }>(this.url, 'POST', '/keys', BENCH_ADMIN_KEY, {
        role,
        name: `bench ${id}`,
        ...(department ? { department } : {}),
      });
      key = created.key;
      this.keys.set(id, key);
    }
    return key;
  }
}
