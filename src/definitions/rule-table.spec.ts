/**
 * docs/rules.md is generated from the rule files; these tests keep it from drifting and check that the
 * renderer leaves no rule out and keeps the table a table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from './load-definitions';
import { renderRuleTable, RULE_TABLE_FILE } from './rule-table';

const ROOT = join(__dirname, '..', '..');
const catalogue = loadDefinitions(ROOT);
const table = renderRuleTable(catalogue);

it('the committed docs/rules.md is the table of the current rule files (else: npm run rules:table)', () => {
  expect(readFileSync(join(ROOT, RULE_TABLE_FILE), 'utf8')).toBe(table);
});

it('lists every rule of every file once, with its basis', () => {
  const files = new Map(
    Object.values(catalogue.definitions)
      // every phase of a type assessed in phases, not only the first
      .flatMap((d) => [d.rules, ...(d.phases ?? []).map((phase) => phase.rules)])
      .flatMap((ruleSet) => ruleSet.files.map((f) => [f.file, f] as const)),
  );
  const rules = [...files.values()].flatMap((f) => f.rules);
  expect(rules.length).toBeGreaterThan(50);
  for (const rule of rules) {
    const rows = table.split('\n').filter((line) => line.startsWith(`| \`${rule.name}\` |`));
    expect({ rule: rule.name, rows: rows.length }).toEqual({ rule: rule.name, rows: 1 });
    const basis = (rule.event.params as { basis?: string }).basis;
    if (basis) expect(rows[0]).toContain(basis.replace(/\|/g, '\\|'));
  }
});

it('keeps every row to the eight columns, whatever the text holds', () => {
  const rows = table.split('\n').filter((line) => line.startsWith('| '));
  for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
});
