import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Every table has one owning module, and a module's SQL names only its own tables (DESIGN.md
 * "Modules"): another module's data is read through that module's service or repository. The SQL is
 * all in *.repository.ts files (eslint.config.mjs refuses `.query(` elsewhere), so reading those as
 * text finds every table a module names: in SQL strings after FROM/JOIN/INTO/UPDATE/TABLE, and as
 * TypeORM entities (getRepository(XEntity), innerJoin(XEntity, …)).
 */

const ROOT = join(__dirname, '..', '..');

/** table → owning module (a folder of src/, or common/http). */
const OWNER: Record<string, string> = {
  societies: 'societies',
  memberships: 'societies',
  users: 'auth',
  login_backoff: 'auth',
  login_client_failures: 'auth',
  audit_events: 'audit',
  audit_heads: 'audit',
  funds: 'fund',
  accounts: 'fund',
  ledger_entries: 'fund',
  ledger_lines: 'fund',
  holds: 'fund',
  donors: 'donors',
  donations: 'donors',
  cases: 'cases',
  case_events: 'cases',
  case_attachments: 'cases',
  votes: 'votes',
  vote_voters: 'votes',
  ballots: 'votes',
  disclosures: 'disclosures',
  disclosure_items: 'disclosures',
  objections: 'disclosures',
  intake_keys: 'leads',
  leads: 'leads',
  webhooks: 'notifications',
  outbox_events: 'notifications',
  webhook_deliveries: 'notifications',
  idempotency_keys: 'common/http',
  rate_limits: 'common/http',
  counters: 'database',
};

/** Shared infrastructure every repository may name: gap-free numbers (database/counters.repository.ts). */
const SHARED = new Set(['counters']);

/** Reads of another module's tables in SQL, each with why it is worth it. Keep this list short. */
const EXCEPTIONS: { file: string; tables: string[]; reason: string }[] = [
  {
    file: 'src/auth/users.repository.ts',
    tables: ['societies', 'memberships'],
    reason:
      'findCaller runs on every authenticated request: the user, its roles in the route society and ' +
      'whether that society exists in one statement (test/e2e/request-path.e2e-spec.ts counts it). Read-only.',
  },
];

export interface Violation {
  file: string;
  table: string;
  problem: string;
}

/** The module a source file belongs to: its folder under src/ (common/http counts as its own). */
export function moduleOf(file: string): string {
  const parts = file.split('/');
  return parts[1] === 'common' && parts[2] === 'http' ? 'common/http' : parts[1];
}

/** Functions whose argument syntax uses FROM without naming a table: extract(epoch FROM x) etc. */
const NOT_A_FROM = /\b(extract|substring|trim|overlay)\s*\(([^()]*?)\bfrom\b/gi;
const KEYWORDS = new Set(['set', 'skip', 'of', 'nowait', 'select', 'lateral', 'only', 'values', 'default']);
/** Words that may stand where an alias could after a table in FROM: they end a comma list. */
const CLAUSE =
  /^(where|join|inner|left|right|full|cross|natural|on|using|group|order|limit|offset|for|returning|union|except|intersect|window|having|set|fetch)$/i;
const NAME = '"?[a-z_][a-z0-9_]*"?';
const TABLE_REF = new RegExp(
  `\\b(from|join|into|update|table|truncate|using)\\s+(?:only\\s+)?(${NAME}(?:\\.${NAME})?)(\\s*\\()?`,
  'gi',
);
/** `, next_table` after a table and its optional alias (FROM a x, b y). */
const NEXT_IN_LIST = new RegExp(
  `^(?:\\s+(?:as\\s+)?([a-z_][a-z0-9_]*))?\\s*,\\s*(${NAME}(?:\\.${NAME})?)(\\s*\\()?`,
  'i',
);
const CTE =
  /(?:\bwith\s+(?:recursive\s+)?|\)\s*,\s*)([a-z_][a-z0-9_]*)\s+as\s*(?:not\s+)?(?:materialized\s+)?\(/gi;

/** The tables an SQL text names (CTE names, functions in FROM and keywords left out). */
export function tablesIn(sql: string): string[] {
  const text = sql.replace(NOT_A_FROM, '$1($2 _').replace(/\bdistinct\s+from\b/gi, 'distinct _');
  const ctes = new Set([...text.matchAll(CTE)].map((m) => m[1].toLowerCase()));
  const found = new Set<string>();
  const add = (raw: string, paren: string | undefined, keyword: string) => {
    const table = raw
      .replace(/"/g, '')
      .replace(/^public\./i, '')
      .toLowerCase();
    // A set-returning function (FROM unnest(…)) or a column list (JOIN … USING (id)) is no table.
    if (paren && /^(from|join|using)$/i.test(keyword)) return;
    if (KEYWORDS.has(table) || ctes.has(table) || table.startsWith('_')) return;
    found.add(table);
  };
  for (const m of text.matchAll(TABLE_REF)) {
    const [whole, keyword, raw, paren] = m;
    add(raw, paren, keyword);
    if (!/^(from|using)$/i.test(keyword) || paren) continue;
    let rest = text.slice(m.index + whole.length);
    for (let next = NEXT_IN_LIST.exec(rest); next; next = NEXT_IN_LIST.exec(rest)) {
      if (next[1] && CLAUSE.test(next[1])) break;
      add(next[2], next[3], keyword);
      rest = rest.slice(next[0].length);
    }
  }
  return [...found];
}

const LOOKS_LIKE_SQL = /\b(select|insert|update|delete|with|exists)\b/i;

/** The text of every string and template literal of a source (substitutions as `?`). */
function stringsOf(source: string): string[] {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      out.push(node.head.text + node.templateSpans.map((s) => ` ? ${s.literal.text}`).join(''));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function identifiersOf(source: string): Set<string> {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) out.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The tables one repository source names, by SQL text and by TypeORM entity. */
export function tablesOfSource(source: string, entityTables: Map<string, string>): string[] {
  const tables = new Set<string>();
  for (const s of stringsOf(source)) if (LOOKS_LIKE_SQL.test(s)) tablesIn(s).forEach((t) => tables.add(t));
  for (const id of identifiersOf(source)) {
    const table = entityTables.get(id);
    if (table) tables.add(table);
  }
  return [...tables];
}

/** What is wrong with the tables `file` (path from the repository root) names. */
export function violationsOf(file: string, source: string, entityTables: Map<string, string>): Violation[] {
  const module = moduleOf(file);
  const allowed = new Set(EXCEPTIONS.filter((e) => e.file === file).flatMap((e) => e.tables));
  return tablesOfSource(source, entityTables).flatMap((table): Violation[] => {
    const owner = OWNER[table];
    if (owner === undefined) {
      return [
        {
          file,
          table,
          problem: `no module owns "${table}": add it to OWNER in ${relative(ROOT, __filename)}`,
        },
      ];
    }
    if (owner === module || SHARED.has(table) || allowed.has(table)) return [];
    return [
      { file, table, problem: `${module}/ names ${owner}/'s table "${table}": use ${owner}/'s service` },
    ];
  });
}

function filesUnder(dir: string, suffix: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(suffix))
    .map((f) => `${dir}/${f.split('\\').join('/')}`)
    .sort();
}

/** Entity class name → its table, from every @Entity('table') class of src/. */
function entityTablesOfSrc(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of filesUnder('src', '.entity.ts')) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const [, table, cls] of source.matchAll(/@Entity\(\s*'([a-z_]+)'\s*\)\s*export\s+class\s+(\w+)/g)) {
      map.set(cls, table);
    }
  }
  return map;
}

describe("SQL ownership: no module names another module's table", () => {
  const entities = entityTablesOfSrc();
  const repositories = filesUnder('src', '.repository.ts');

  it('finds the tables a statement names, not its CTEs, functions or keywords', () => {
    expect(
      tablesIn(`WITH claimed AS (UPDATE login_backoff SET x = 1 RETURNING 1)
        SELECT (SELECT count(*) FROM claimed), ceil(extract(epoch FROM next_at - $2)) FROM login_backoff b
        JOIN public."users" u ON true LEFT JOIN unnest($1::uuid[]) AS ids(id) ON true
        WHERE b.x IS DISTINCT FROM u.y FOR UPDATE OF b`).sort(),
    ).toEqual(['login_backoff', 'users']);
    expect(
      tablesIn(
        `INSERT INTO counters (society_id) VALUES ($1) ON CONFLICT (society_id) DO UPDATE SET value = 2`,
      ),
    ).toEqual(['counters']);
    expect(tablesIn('EXISTS (SELECT 1 FROM memberships m WHERE m.society_id = s.id)')).toEqual([
      'memberships',
    ]);
    expect(tablesIn('DELETE FROM holds h USING ledger_entries e WHERE true').sort()).toEqual([
      'holds',
      'ledger_entries',
    ]);
    expect(tablesIn('SELECT 1 FROM funds f, accounts a, unnest($1) x WHERE a.id IN (1, 2)').sort()).toEqual([
      'accounts',
      'funds',
    ]);
    expect(tablesIn('SELECT 1 FROM donors d JOIN donations x USING (donor_id) WHERE true')).toEqual([
      'donors',
      'donations',
    ]);
  });

  it('flags a planted cross-module join, an entity of another module and a table nobody owns', () => {
    const planted = `const sql = \`SELECT m.id, u.username FROM memberships m JOIN users u ON u.id = m.user_id\`;`;
    expect(violationsOf('src/societies/memberships.repository.ts', planted, entities)).toEqual([
      expect.objectContaining({ table: 'users', problem: expect.stringContaining("auth/'s table") }),
    ]);
    const byEntity = `import { UserEntity } from '../auth/user.entity';\nrepo(UserEntity);`;
    expect(violationsOf('src/societies/societies.repository.ts', byEntity, entities)).toEqual([
      expect.objectContaining({ table: 'users' }),
    ]);
    const unknown = `q(\`SELECT 1 FROM unowned_things c\`)`;
    expect(violationsOf('src/fund/ledger.repository.ts', unknown, entities)).toEqual([
      expect.objectContaining({
        table: 'unowned_things',
        problem: expect.stringContaining('no module owns'),
      }),
    ]);
    // cases/ owns its tables now: another module naming them is flagged as such.
    const crossCases = `q(\`SELECT 1 FROM cases c\`)`;
    expect(violationsOf('src/fund/ledger.repository.ts', crossCases, entities)).toEqual([
      expect.objectContaining({ table: 'cases', problem: expect.stringContaining("cases/'s table") }),
    ]);
    // The exception is one file's, not the module's.
    const sameInAnother = `q(\`SELECT 1 FROM users u JOIN memberships m ON true\`)`;
    expect(violationsOf('src/auth/login-throttle.repository.ts', sameInAnother, entities)).toEqual([
      expect.objectContaining({ table: 'memberships' }),
    ]);
  });

  it('knows every entity table', () => {
    expect([...entities.values()].filter((t) => OWNER[t] === undefined)).toEqual([]);
  });

  it('holds for every *.repository.ts of src/', () => {
    expect(repositories.length).toBeGreaterThan(0);
    const violations = repositories.flatMap((f) =>
      violationsOf(f, readFileSync(join(ROOT, f), 'utf8'), entities),
    );
    expect(violations).toEqual([]);
  });

  it('lists only exceptions still needed', () => {
    for (const e of EXCEPTIONS) {
      const named = tablesOfSource(readFileSync(join(ROOT, e.file), 'utf8'), entities);
      expect({ file: e.file, tables: e.tables.filter((t) => named.includes(t)) }).toEqual({
        file: e.file,
        tables: e.tables,
      });
      expect(e.reason.length).toBeGreaterThan(20);
    }
  });
});
