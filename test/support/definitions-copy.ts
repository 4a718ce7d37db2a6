import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * The talent-introduction countersign (hrss and ipo, all must approve) deemed approved when overdue. Every
 * type follows workflows/standard-review.json, so the copy gives talent introduction a workflow of its own
 * (the standard one with the deemed outcome) and leaves the other types on the standard one.
 */
export function deemedCountersign(): { dir: string; remove(): void } {
  const copy = shippedDefinitionsWith('rules/talent-introduction/activity.json', (activity) => {
    activity.workflow = 'deemed-countersign';
  });
  const standard = JSON.parse(
    readFileSync(join(copy.dir, 'workflows', 'standard-review.json'), 'utf8'),
  ) as Json;
  standard.id = 'deemed-countersign';
  standard.states.countersign.meta.escalation = { to: 'ipo', deemedOutcome: 'approve' };
  writeFileSync(join(copy.dir, 'workflows', 'deemed-countersign.json'), JSON.stringify(standard, null, 2));
  return copy;
}
