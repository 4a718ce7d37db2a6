import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editJson, type Json } from '../fixtures/definitions/fixture-tree';
import { REPO_ROOT } from './fact-fixtures';

/**
 * A copy of the shipped definitions (rules/ and workflows/) in a temp directory, with one change, for a
 * service started with IPR_DEFINITIONS_DIR pointing at it.
 */
export function shippedDefinitionsWith(
  file: string,
  edit: (json: Json) => void,
): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ipr-definitions-'));
  for (const folder of ['rules', 'workflows'])
    cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  editJson(dir, file, edit);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The countersign of the standard review procedure deemed approved when overdue; for a talent introduction
 * that is hrss and ipo, all must approve (the procedure is shared, so every type following it changes).
 */
export const deemedCountersign = () =>
  shippedDefinitionsWith(
    'workflows/standard-review.json',
    (m) => (m.states.countersign.meta.escalation = { to: 'ipo', deemedOutcome: 'approve' }),
  );
