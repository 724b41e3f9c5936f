// Layer rules for src/ (DESIGN.md "Modules"). `npm run depcruise` = `depcruise src --config .dependency-cruiser.js`.
//
// Feature arrows are written as allow-lists: a feature folder may import its own files, the shared
// folders (common, config, database, audit) and the folders listed for it below; any other src/ folder,
// including ones that do not exist yet, is forbidden. The wiring files directly in src/ (app.module.ts,
// app.factory.ts, main.ts, logging.ts) may import anything.

/** Folders every feature may use (notifications: the outbox every feature records its events in). */
const SHARED = ['common', 'config', 'database', 'audit', 'notifications'];

/** feature folder -> other folders it may import, besides SHARED (DESIGN.md arrows). */
const FEATURES = {
  audit: [],
  // The outbox and webhook delivery: records events for every feature, imports none of them.
  notifications: [],
  societies: [],
  // The society's time zone (its calendar) is read through SocietiesService.
  fund: ['societies'],
  documents: [],
  auth: ['societies'],
  // Receipts name the society and the cashier: read through SocietiesService and UsersService.
  donors: ['fund', 'documents', 'societies', 'auth'],
  // The society's time zone (the case year) and the caller's roles there (collectors' own drafts).
  cases: ['fund', 'societies', 'auth'],
  // The society's vote rules and its board at opening: read through SocietiesService and MembershipsService.
  votes: ['cases', 'fund', 'societies'],
  // The cases it publishes (locked and moved through CasesService), their approving votes' counts
  // (VotesService), the society's name, time zone and disclosureDays for the snapshot and the period
  // (SocietiesService), and the fund's year totals on the public society page (LedgerService).
  disclosures: ['cases', 'votes', 'societies', 'fund', 'documents'],
  // Statements name the society and read its time zone (the month) through SocietiesService.
  // Exports and oversight (reports/exports.module.ts): societies for the region's page and time zones,
  // votes for open votes, disclosures for open objections (ObjectionsService.openCounts) — reads through
  // their services only; none of them imports reports, so no cycle.
  reports: ['fund', 'cases', 'donors', 'documents', 'societies', 'votes', 'disclosures'],
  // Leads become draft cases through CasesService (and its applicant rules); the society's time zone
  // (the ID number's birth date against its today) through SocietiesService.
  leads: ['cases', 'societies'],
  // GET /me/tasks: the caller's societies and roles (societies), and what waits in each, read through the
  // owning services (votes: pending ballots; cases: to pay, to publicise, drafts; disclosures: open
  // objections; leads: new leads). No module imports tasks.
  tasks: ['societies', 'cases', 'votes', 'disclosures', 'leads'],
  scheduler: ['votes', 'disclosures'],
  // Maintenance commands (npm run cli) over the features' services; src/cli.ts hands them AppModule.
  // audit:verify reads the heads printed on notices (DisclosuresService.printedHeads); pii:rotate has
  // each module that stores ciphertexts re-encrypt its own rows through its service (no module imports cli).
  cli: ['auth', 'societies', 'disclosures', 'cases', 'donors', 'leads'],
  // The demo society of a first start, played through the features' own services (like a front end:
  // the ledger, audit chain and counters are exactly what real use produces); only the wiring imports it.
  demo: ['auth', 'societies', 'fund', 'donors', 'cases', 'votes', 'disclosures'],
};

/**
 * Files any feature may import from another folder, besides the arrows: the scheduler's job contract
 * (a module with deadlines declares a `@ScheduledJob()` without importing the scheduler's internals).
 */
const CONTRACTS = ['^src/scheduler/scheduled-job\\.ts$'];

/** The infrastructure folders, stricter than features. */
const INFRA = {
  common: ['config'],
  config: ['common'],
  database: ['common', 'config'],
};

const alt = (names) => `(${[...new Set(names)].join('|')})`;

const featureRules = Object.entries(FEATURES).map(([feature, extra]) => ({
  name: `arrows-${feature}`,
  severity: 'error',
  comment: `src/${feature}/ may import only ${[...SHARED, ...extra].filter((f) => f !== feature).join(', ')} (DESIGN.md "Modules").`,
  from: { path: `^src/${feature}/` },
  to: { path: '^src/[^/]+/', pathNot: [`^src/${alt([feature, ...SHARED, ...extra])}/`, ...CONTRACTS] },
}));

const infraRules = Object.entries(INFRA).map(([folder, allowed]) => ({
  name: `arrows-${folder}`,
  severity: 'error',
  comment: `src/${folder}/ may import only ${allowed.join(', ')}${folder === 'database' ? ' and migrations/' : ''}: no feature folder.`,
  from: { path: `^src/${folder}/` },
  to: { path: '^src/[^/]+/', pathNot: `^src/${alt([folder, ...allowed])}/` },
}));

/** Folders not (yet) in DESIGN.md (e.g. health/): treated as a leaf feature. */
const KNOWN = [...Object.keys(FEATURES), ...Object.keys(INFRA)];
const otherFolderRule = {
  name: 'arrows-other-folders',
  severity: 'error',
  comment:
    'A src/ folder without its own arrows in DESIGN.md may import only common, config, database and audit. ' +
    'Add it to .dependency-cruiser.js (and DESIGN.md) to give it more.',
  // `$1` in to.pathNot is the folder captured by from.path (dependency-cruiser group matching).
  from: { path: `^src/((?!${alt(KNOWN)}/)[^/]+)/` },
  to: { path: '^src/[^/]+/', pathNot: [`^src/${alt(SHARED)}/`, '^src/$1/', ...CONTRACTS] },
};

/**
 * What domain/ code may import: other domain/ files and the pure parts of common/ (calendar.ts is
 * plain arithmetic over Intl: a deadline in the society's days is a domain rule).
 */
const PURE_COMMON =
  '^src/common/(money|cn-ids|crypto/canonical-json|masking|fraction|calendar|yearly-number|errors/(app-error|error-codes))';

const SPEC = '\\.(spec|int-spec|e2e-spec)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular dependencies make module load order (and Nest DI) fragile. Break the cycle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that cannot be resolved: misspelt path or a package that is not installed.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        'This package is not in package.json (it is only there because another package depends on it). ' +
        'Add it to dependencies.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'Production code in src/ must not import devDependencies (they are absent in a production install). ' +
        'Tests (*.spec.ts) may.',
      from: { path: '^src/', pathNot: SPEC },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-spec',
      severity: 'error',
      comment: 'Production code must not import test files.',
      from: { pathNot: SPEC },
      to: { path: SPEC },
    },

    // --- Domain purity: `*/domain/*.ts` imports nothing from Nest, TypeORM or Node I/O. ---
    {
      name: 'domain-no-frameworks',
      severity: 'error',
      comment: 'domain/ is pure: no Nest, TypeORM, pg, CLS or Fastify.',
      from: { path: '^src/.+/domain/' },
      to: {
        path: '(^|/)node_modules/(@nestjs|typeorm|pg|pg-[^/]+|nestjs-cls|@nestjs-cls|fastify|@fastify)/',
      },
    },
    {
      name: 'domain-no-node-core',
      severity: 'error',
      comment:
        'domain/ is pure: no Node core modules (fs, net, http, crypto, ...). Hashing lives in src/common/crypto.',
      from: { path: '^src/.+/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-only-pure-imports',
      severity: 'error',
      comment:
        'domain/ may import only other domain/ files and the pure parts of common/ ' +
        '(money, cn-ids, crypto/canonical-json, masking, fraction, calendar, yearly-number).',
      from: { path: '^src/.+/domain/', pathNot: SPEC },
      to: { pathNot: ['/domain/', PURE_COMMON] },
    },

    // --- Feature arrows (DESIGN.md "Modules"). ---
    ...infraRules,
    ...featureRules,
    otherFolderRule,
    {
      name: 'contracts-are-leaves',
      severity: 'error',
      comment:
        'A contract every feature may import (CONTRACTS) imports no src/ file: it must not pull the ' +
        "scheduler's internals (or anything else) into the features.",
      from: { path: CONTRACTS },
      to: { path: '^src/' },
    },
    {
      name: 'migrations-only-from-database',
      severity: 'error',
      comment: 'Only src/database/ (and the wiring files in src/) run migrations.',
      from: { path: '^src/[^/]+/', pathNot: '^src/database/' },
      to: { path: '^migrations/' },
    },
    {
      name: 'not-to-app-wiring',
      severity: 'error',
      comment:
        'The wiring files (app.module.ts, app.factory.ts, main.ts) sit on top: nothing in a folder imports them.',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/(app\\.module|app\\.factory|main)\\.ts$' },
    },

    // --- Modules talk through services: another feature's entities are off limits. ---
    {
      name: 'no-foreign-dtos',
      severity: 'error',
      comment:
        "HTTP DTOs stay in their module: another module's service takes and returns domain types " +
        '(e.g. PostedEntry), and declares its own query shapes. The CLI is a front end like a controller: ' +
        'it validates its input with the HTTP DTOs.',
      from: { path: '^src/([^/]+)/', pathNot: [SPEC, '^src/cli/'] },
      to: { path: '^src/[^/]+/dto/', pathNot: '^src/$1/' },
    },
    {
      name: 'no-foreign-entities',
      severity: 'error',
      comment:
        "Use the owning feature's service, not its entity/repository. (Entities may still reference " +
        "another feature's entity for a TypeORM relation, within the arrows above.)",
      from: { path: '^src/([^/]+)/', pathNot: ['\\.entity\\.ts$', SPEC] },
      to: { path: '\\.entity\\.ts$', pathNot: '^src/$1/' },
    },
  ],

  options: {
    doNotFollow: { path: ['node_modules'] },
    // Type-only imports are dependencies too (they shape the layers).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
