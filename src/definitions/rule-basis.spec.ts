/**
 * A lawyer must be able to find every text a rule cites, in the version it means: each part of every
 * rule's `basis` (parts are separated by "；") names its year, and no basis is empty.
 */

/** The parts of a basis: split at "；" outside brackets, since a bracketed note may hold one too. */
function citedTexts(basis: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const char of basis) {
    if (char === '（' || char === '(') depth++;
    if (char === '）' || char === ')') depth--;
    if (char === '；' && depth === 0) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}
import { join } from 'node:path';
import { loadDefinitions } from './load-definitions';

const catalogue = loadDefinitions(join(__dirname, '..', '..'));
const rules = [
  ...new Map(
    Object.values(catalogue.definitions)
      // every phase of a type assessed in phases, not only the first
      .flatMap((d) => [d.rules, ...(d.phases ?? []).map((phase) => phase.rules)])
      .flatMap((ruleSet) => ruleSet.files)
      .flatMap((f) => f.rules)
      .map((rule) => [rule.name, rule] as const),
  ).values(),
];

it.each(rules.map((rule) => [rule.name, (rule.event.params as { basis?: string }).basis ?? '']))(
  '%s: every cited text carries its year',
  (_name, basis) => {
    expect(basis.length).toBeGreaterThan(0);
    for (const part of citedTexts(basis))
      expect({ part, hasYear: /\d{4}/.test(part) }).toEqual({ part, hasYear: true });
  },
);

/**
 * 重大行政决策程序暂行条例 governs decisions of governments (its Art. 3), not an enterprise's hire or export:
 * a rule may borrow from it only where it says it applies it to a government decision or by analogy (参照).
 */
it.each(
  rules
    .map((rule) => [rule.name, (rule.event.params as { basis?: string }).basis ?? ''] as const)
    .filter(([, basis]) => basis.includes('重大行政决策程序暂行条例')),
)('%s cites the major-administrative-decision procedure only as such or by analogy', (_name, basis) => {
  expect(basis).toMatch(/参照/);
});

/**
 * Article numbers no one could check against the official text: a rule citing them must say so in its
 * reason, in both languages, rather than present the number as certain.
 */
const UNVERIFIED_ARTICLES = [
  '最高人民法院关于审理劳动争议案件适用法律问题的解释（二）（2025，2025年9月1日施行）第十三条',
  '保守国家秘密法（2024年修订）第四十六条',
  '对外贸易法（2022年修正）第二十九条',
];
it.each(
  rules
    .map(
      (rule) =>
        [rule.name, rule.event.params as { basis?: string; reason?: { zh: string; en: string } }] as const,
    )
    .filter(([, params]) => UNVERIFIED_ARTICLES.some((article) => (params.basis ?? '').includes(article))),
)('%s says its article number is to be confirmed against the official text', (_name, params) => {
  expect(params.reason?.zh).toContain('条文序号待与官方文本核对');
  expect(params.reason?.en).toContain('article number to be confirmed against the official text');
});

it('the unverified article numbers above are still cited (else drop them from the list)', () => {
  const bases = rules.map((rule) => (rule.event.params as { basis?: string }).basis ?? '');
  for (const article of UNVERIFIED_ARTICLES)
    expect({ article, cited: bases.some((b) => b.includes(article)) }).toEqual({ article, cited: true });
});
