import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type AppConfig } from '../config/app-config';

/** Injection token of the key that signs the chain head. */
export const HEAD_SIGNING_KEY = Symbol('HEAD_SIGNING_KEY');

/** A public key a verifier trusts, as the API and the export publish it. */
export interface PublishedKey {
  algorithm: 'Ed25519';
  /** The first 16 hex digits of SHA-256 of the raw 32-byte public key; every signature names it. */
  keyId: string;
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  /** The same key as a PEM SubjectPublicKeyInfo, for openssl and most libraries. */
  publicKeyPem: string;
  /** false for a retired key (IPR_AUDIT_RETIRED_PUBLIC_KEYS): it verifies older signatures, signs nothing. */
  current: boolean;
}

export interface HeadSigningKey {
  privateKey: KeyObject | null; // null in the CLI: verification needs only public keys
  current: PublishedKey;
  /** The current key and the retired ones, by keyId. */
  trusted: Map<string, KeyObject>;
  published: PublishedKey[];
  /** Where the private key came from, for the start log: never the key itself. */
  source: 'key file' | 'generated key file' | 'ephemeral (in-memory database)';
  file: string | null;
}

/** The default key file beside the SQLite database. */
export function defaultSigningKeyFile(sqlitePath: string): string {
  return `${sqlitePath}.audit-signing-key`;
}

type KeyConfig = Pick<
  AppConfig,
  'DATABASE_URL' | 'IPR_SQLITE_PATH' | 'IPR_AUDIT_SIGNING_KEY_FILE' | 'IPR_AUDIT_RETIRED_PUBLIC_KEYS'
>;

/** The key file the configuration names: IPR_AUDIT_SIGNING_KEY_FILE, or beside the SQLite file; null for :memory:. */
export function signingKeyFileOf(config: KeyConfig): string | null {
  if (config.IPR_AUDIT_SIGNING_KEY_FILE) return config.IPR_AUDIT_SIGNING_KEY_FILE;
  if (config.DATABASE_URL) return null;
  return config.IPR_SQLITE_PATH === ':memory:' ? null : defaultSigningKeyFile(config.IPR_SQLITE_PATH);
}

/**
 * The Ed25519 key that signs the chain head at every commit, kept out of the database: whoever can rewrite
 * the database alone cannot sign a forged head.
 *
 * - IPR_AUDIT_SIGNING_KEY_FILE names a PKCS#8 PEM file. When it does not exist yet, a key is generated into
 *   it (mode 0600; 'wx', so of two processes starting at once one writes and the other reads).
 * - PostgreSQL requires IPR_AUDIT_SIGNING_KEY_FILE: several instances must sign with one key, so the operator
 *   places the same file on every host (a generated file on one host is copied to the others).
 * - SQLite without it: `<database>.audit-signing-key`, generated on the first start.
 * - SQLite `:memory:`: a key for the life of the process.
 *
 * IPR_AUDIT_RETIRED_PUBLIC_KEYS (comma-separated base64 raw public keys) are the keys of earlier
 * rotations: still trusted to verify the heads they signed.
 */
export function resolveHeadSigningKey(config: KeyConfig): HeadSigningKey {
  const file = signingKeyFileOf(config);
  if (!file && config.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  IPR_AUDIT_SIGNING_KEY_FILE: required with PostgreSQL (the Ed25519 key that signs the audit chain head, the same file for every instance; generated there when missing)',
    );
  let privateKey: KeyObject;
  let source: HeadSigningKey['source'];
  if (!file) {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    source = 'ephemeral (in-memory database)';
  } else if (existsSync(file)) {
    privateKey = readPrivateKey(file);
    source = 'key file';
  } else {
    const generated = writeNewKey(file);
    privateKey = generated ?? readPrivateKey(file);
    source = generated ? 'generated key file' : 'key file';
  }
  return withTrust(privateKey, config.IPR_AUDIT_RETIRED_PUBLIC_KEYS, source, file);
}

/** For the CLI: the public side of the configured key file, without ever creating one. */
export function readHeadVerifyingKeys(config: KeyConfig): HeadSigningKey | null {
  const file = signingKeyFileOf(config);
  if (!file || !existsSync(file)) return null;
  const key = withTrust(readPrivateKey(file), config.IPR_AUDIT_RETIRED_PUBLIC_KEYS, 'key file', file);
  return { ...key, privateKey: null };
}

/** Keys given as published (base64 raw public keys), e.g. from GET /audit/public-key or an export header. */
export function trustedKeysOf(publicKeys: readonly string[]): Map<string, KeyObject> {
  const trusted = new Map<string, KeyObject>();
  for (const text of publicKeys) {
    const key = publicKeyFromRaw(text);
    trusted.set(keyIdOf(key), key);
  }
  return trusted;
}

function withTrust(
  privateKey: KeyObject,
  retired: string | undefined,
  source: HeadSigningKey['source'],
  file: string | null,
): HeadSigningKey {
  const publicKey = createPublicKey(privateKey);
  const current = publish(publicKey, true);
  const retiredKeys = (retired ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => {
      try {
        return publicKeyFromRaw(s);
      } catch {
        throw new ConfigError(
          `Invalid configuration:\n  IPR_AUDIT_RETIRED_PUBLIC_KEYS: entry ${i + 1} is not a base64 Ed25519 public key (32 bytes)`,
        );
      }
    });
  const published = [current, ...retiredKeys.map((k) => publish(k, false))];
  const trusted = new Map<string, KeyObject>([[current.keyId, publicKey]]);
  for (const k of retiredKeys) trusted.set(keyIdOf(k), k);
  return { privateKey, current, trusted, published, source, file };
}

function publish(publicKey: KeyObject, current: boolean): PublishedKey {
  return {
    algorithm: 'Ed25519',
    keyId: keyIdOf(publicKey),
    publicKey: rawPublicKey(publicKey).toString('base64'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    current,
  };
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  // The SPKI DER of an Ed25519 key is a fixed 12-byte prefix followed by the 32 raw bytes.
  return publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyFromRaw(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64) throw new Error('not a 32-byte base64 key');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

function readPrivateKey(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  ${file}: not a PEM private key (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ConfigError(`Invalid configuration:\n  ${file}: the audit signing key must be Ed25519`);
  return key;
}

/** Writes a fresh key with mode 0600; null when another process created the file first. */
function writeNewKey(file: string): KeyObject | null {
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  try {
    writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  } finally {
    closeSync(fd);
  }
  return privateKey;
}
