import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runDefinitionsCheck } from './definitions-check.command';
import {
  copyValidTree,
  editJson,
  removeTreeCopies,
  VALID_TREE,
} from '../../test/fixtures/definitions/fixture-tree';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

afterAll(removeTreeCopies);

/** The CLI as `npm run definitions:check` runs it, in a child process: exit code and both streams. */
function cli(...args: string[]) {
  const run = spawnSync('npx', ['ts-node', '--transpile-only', 'src/cli.ts', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('prints each type with its hashes and "ok" for a good tree, and exits 0', () => {
  const { status, stdout, stderr } = cli('definitions:check', '--root', VALID_TREE);
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  const lines = stdout.trimEnd().split('\n');
  expect(lines.map((line) => line.split(/\s+/)[0])).toEqual([
    'major-project',
    'talent-introduction',
    'technology-trade',
    'trade-show',
  ]);
  for (const line of lines) expect(line).toMatch(/^[a-z-]+ +workflow [0-9a-f]{64}  rules [0-9a-f]{64}  ok$/);
});

it('prints each problem as "file: place: reason" for a broken tree, and exits 1', () => {
  const root = copyValidTree();
  editJson(
    root,
    'workflows/trade-show.json',
    (machine) => (machine.states.intake.meta.department = 'police'),
  );
  const { status, stdout, stderr } = cli('definitions:check', '--root', root);
  expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
  expect(stderr.trimEnd().split('\n')).toEqual([
    'workflows/trade-show.json: /states/intake/meta/department: department "police" is not in rules/departments.json nor one of $competent, $route',
    `definitions under ${root}: 1 problem`,
  ]);
});

it('refuses arguments it does not know, with its usage (exit 2)', () => {
  const lines: string[] = [];
  const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
  expect(runDefinitionsCheck(['--rot', VALID_TREE], output)).toBe(2);
  expect(lines).toEqual([expect.stringMatching(/^usage: definitions:check \[--root DIR\]/)]);
  expect(runDefinitionsCheck([`--root=${VALID_TREE}`], output)).toBe(0);
});
