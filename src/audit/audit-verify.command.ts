/**
 * `audit:verify [--head FILE] [--json]`: verifies the audit chain straight from the database the service
 * uses (DATABASE_URL, or IPR_SQLITE_PATH), against the recorded head, every signed head (with the public
 * side of IPR_AUDIT_SIGNING_KEY_FILE, or of the key file beside the SQLite database, and the retired keys)
 * and the witness file. `--head FILE` also checks against a signed head an auditor kept (the JSON of
 * GET /api/v1/audit/head). Exit code 0 when the chain is intact, 1 when it is not (the first bad sequence
 * number and what is wrong), 2 when it cannot run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import type { CommandOutput } from '../definitions/definitions-check.command';
import { readWitnessFile, witnessFileOf } from './audit-witness';
import { readHeadVerifyingKeys } from './head-signing-key';
import { headSignatureValid, type SignedHead } from './signed-head';
import { verifyStoredChain, type ReadChain } from './stored-chain';
import type { KeptHead } from './verify-chain';

const USAGE =
  'usage: audit:verify [--head FILE] [--json]   (FILE: a signed head kept from GET /api/v1/audit/head)';

export async function runAuditVerify(
  args: readonly string[],
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    output.err(parsed);
    output.err(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 2;
    }
    throw error;
  }
  if (
    !config.DATABASE_URL &&
    (config.IPR_SQLITE_PATH === ':memory:' || !existsSync(config.IPR_SQLITE_PATH))
  ) {
    output.err(`No database at ${config.IPR_SQLITE_PATH} (set IPR_SQLITE_PATH or DATABASE_URL)`);
    return 2;
  }
  const keys = readHeadVerifyingKeys(config);
  const witness = readWitnessFile(witnessFileOf(config, keys?.file ?? null));
  const kept: KeptHead[] = [
    ...(witness ? [witness] : []),
    ...(parsed.head ? [{ ...parsed.head, source: 'the head you kept' }] : []),
  ];
  const dataSource = new DataSource({ ...dataSourceOptions(config), migrationsRun: false });
  await dataSource.initialize();
  try {
    const read: ReadChain = (work) => work(dataSource.manager);
    const result = await verifyStoredChain(read, {
      checkSignature: keys
        ? (position, signature) => headSignatureValid(keys.trusted, position, signature)
        : undefined,
      kept,
    });
    if (parsed.json) output.out(JSON.stringify(result, null, 2));
    else if (result.ok) {
      const signed = result.signedHead ? `, signed head seq ${result.signedHead.seq}` : '';
      const witnessed = witness ? `, witness seq ${witness.seq}` : ', no witness file';
      output.out(
        `ok: ${result.events} events, head seq ${result.head.seq} hash ${result.head.hash}${signed}${witnessed}`,
      );
    } else {
      output.out(
        `FAILED at seq ${result.seq}: ${result.kind} — ${result.message} (${result.events} events verified before it)`,
      );
    }
    if (!keys) output.err('warning: no signing key file: head signatures were not checked');
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

function parseArgs(args: readonly string[]): { head: SignedHead | null; json: boolean } | string {
  let head: SignedHead | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '--head' && args[i + 1]) {
      const file = args[++i];
      try {
        const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<SignedHead>;
        if (
          typeof kept.seq !== 'number' ||
          typeof kept.hash !== 'string' ||
          typeof kept.signature !== 'string'
        ) {
          return `${file}: not a signed head (seq, hash, signature)`;
        }
        head = { seq: kept.seq, hash: kept.hash, signature: kept.signature };
      } catch (error) {
        return `${file}: ${error instanceof Error ? error.message : String(error)}`;
      }
    } else return `unknown argument ${args[i]}`;
  }
  return { head, json };
}
