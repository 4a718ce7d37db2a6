/**
 * `audit:verify-export FILE --public-key KEY [--json]`: verifies an NDJSON export (GET /audit/export) offline,
 * with the public key alone: no database, no secret, no network. KEY is the JSON of GET /audit/public-key
 * or a file holding one base64 raw Ed25519 public key. Every line must hash to its `hash` and link to the
 * previous one (from the header's anchor), every `headSignature` must verify, and an export that reaches
 * the head it was taken at must end on that signed head. Exit code 0 ok, 1 bad (the first bad seq), 2 when
 * it cannot run.
 */
import { readFileSync } from 'node:fs';
import type { CommandOutput } from '../definitions/definitions-check.command';
import { canonicalJson } from './audit-hash';
import type { ExportHeader } from './audit-export.service';
import type { StoredEvent } from './event-canonical';
import { trustedKeysOf } from './head-signing-key';
import { headSignatureValid } from './signed-head';
import { verifyChain, type VerifyResult } from './verify-chain';

const USAGE = 'usage: audit:verify-export FILE --public-key KEY [--json]';

export async function runExportVerify(args: readonly string[], output: CommandOutput): Promise<number> {
  const [file, flag, keyFile, ...rest] = args;
  const json = rest[0] === '--json';
  if (!file || flag !== '--public-key' || !keyFile || rest.length > (json ? 1 : 0)) {
    output.err(USAGE);
    return 2;
  }
  let result: VerifyResult;
  try {
    result = await verifyExportText(readFileSync(file, 'utf8'), publicKeysIn(readFileSync(keyFile, 'utf8')));
  } catch (error) {
    output.err(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (json) output.out(JSON.stringify(result, null, 2));
  else if (result.ok)
    output.out(`ok: ${result.events} events up to seq ${result.head.seq}, signatures verified`);
  else output.out(`FAILED at seq ${result.seq}: ${result.kind} — ${result.message}`);
  return result.ok ? 0 : 1;
}

/** The base64 keys of a GET /audit/public-key answer, or the one key a plain text file holds. */
export function publicKeysIn(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return [trimmed];
  const parsed = JSON.parse(trimmed) as { keys?: { publicKey?: unknown }[] };
  const keys = (parsed.keys ?? []).map((k) => k.publicKey).filter((k): k is string => typeof k === 'string');
  if (keys.length === 0) throw new Error('no publicKey in the key file');
  return keys;
}

/** Verifies the text of a whole-chain or range export (not a one-case export, whose events are not adjacent). */
export async function verifyExportText(text: string, publicKeys: readonly string[]): Promise<VerifyResult> {
  const lines = text.split('\n').filter((line) => line !== '');
  const header = JSON.parse(lines[0]) as ExportHeader;
  if (header.format !== 'ipr-audit-export/2') throw new Error('not an ipr-audit-export/2 file');
  if (header.caseId !== null || !header.anchor)
    throw new Error('a one-case export verifies line by line only (see the README); give a range export');
  const trusted = trustedKeysOf(publicKeys);
  const events: StoredEvent[] = lines.slice(1).map((line) => {
    const { hash, prevHash, headSignature, payload, ...rest } = JSON.parse(line) as Record<string, unknown>;
    return {
      ...(rest as Omit<StoredEvent, 'payload' | 'hash' | 'prevHash'>),
      payload: canonicalJson(payload),
      hash: hash as string,
      prevHash: prevHash as string,
      headSignature: (headSignature as string | undefined) ?? null,
    };
  });
  const signedHead = header.signedHead;
  const reachesHead = header.range.to >= signedHead.seq;
  return verifyChain([events], {
    start: header.anchor,
    checkSignature: (position, signature) => headSignatureValid(trusted, position, signature),
    // The head the export was taken at must be in it when the range reaches it.
    kept:
      reachesHead && signedHead.seq > header.anchor.seq
        ? [{ ...signedHead, source: 'the export header' }]
        : [],
    requireSignedTail: reachesHead,
  });
}
