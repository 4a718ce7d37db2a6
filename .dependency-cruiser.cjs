/**
 * The boundaries of the house, checked by `npm run deps:check` (dependency-cruiser) in CI. Unit specs may
 * reach test fixtures, so the rules judge production files only.
 *
 * Folders: the pure core (decision/, workflow/) and pure calendar arithmetic (calendar/) stand alone; the
 * feature folders (cases and their work) talk to each other through services, repositories, views, DTOs
 * and entities only; audit/ keeps to the chain and knows no feature; nothing depends on itself in a circle.
 */
const PRODUCTION = '^src/.+(?<!\\.spec)\\.ts$';
const FEATURES = '(assessments|evaluations|tasks|notifications|deadlines|reports|console)';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'decision/ and workflow/ decide from arguments alone: they import nothing of the shell (DomainError, a plain class with the one code union, is shared).',
      severity: 'error',
      from: { path: '^src/(decision|workflow)/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/',
        pathNot: ['^src/(decision|workflow)/', '^src/common/domain-error\\.ts$'],
      },
    },
    {
      name: 'calendar-is-pure',
      comment: 'Working-day arithmetic takes the calendar as data and time as an argument; it needs nobody.',
      severity: 'error',
      from: { path: '^src/calendar/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/', pathNot: '^src/calendar/' },
    },
    {
      name: 'audit-keeps-to-the-chain',
      comment:
        'audit/ appends, signs, verifies and exports ranges of the chain; loading cases (case export, replay, trail) lives with the cases.',
      severity: 'error',
      from: { path: '^src/audit/', pathNot: '\\.spec\\.ts$' },
      to: { path: `^src/${FEATURES}/` },
    },
    {
      name: 'features-meet-at-their-front-doors',
      comment:
        "A feature folder uses another's service, repository, view, entity or request DTOs, never its other internals.",
      severity: 'error',
      from: { path: `^src/${FEATURES}/`, pathNot: '\\.spec\\.ts$' },
      to: {
        path: `^src/${FEATURES}/`,
        pathNot: ['^src/$1/', '\\.(service|repository|view|entity)\\.ts$', `^src/${FEATURES}/dto/`],
      },
    },
    {
      name: 'no-circular',
      comment: 'A circle of imports has no layer order; break it by moving the shared part down.',
      severity: 'error',
      from: { path: PRODUCTION },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
