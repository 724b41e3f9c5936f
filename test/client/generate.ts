import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The committed types of the API (the console's and the tests' one copy), generated from the served document (see api-client.e2e-spec.ts). */
export const API_SCHEMA_FILE = join(__dirname, '../../web/src/api/schema.ts');

const HEADER = [
  '// Generated from /api/docs-json by openapi-typescript. To regenerate after an API change:',
  '//   UPDATE_API_SCHEMA=1 npx jest test/e2e/api-client.e2e-spec.ts',
  '',
].join('\n');

const CLI = join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');

/**
 * openapi-typescript's source for a document. Run as its CLI in a child Node process: the package
 * and its dependencies are ESM, which Jest's CommonJS runtime cannot load.
 */
export function apiSchemaSource(document: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    writeFileSync(input, JSON.stringify(document));
    const out = execFileSync(process.execPath, [CLI, input], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return HEADER + out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
