import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape docs/architecture.md describes, checked: procedures (routers/) call the domain
 * (domain/), never the other way round, and no procedure builds SQL itself.
 */

const srcDir = dirname(fileURLToPath(import.meta.url));

/** The API's assembly: the router tree, the package's surface, the OpenAPI components. */
const mayImportRouters = new Set(['root.ts', 'index.ts', 'openapi-components.ts']);

/** Query-builder and raw-SQL calls; a transaction opened by a procedure is allowed. */
const sqlPatterns: [RegExp, string][] = [
  [/\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\(/, 'a query builder call'],
  [/\bsql\s*(<[^`]*>)?\s*`/, 'a raw sql`...` template'],
  [/\.(execute|executeTakeFirst|executeTakeFirstOrThrow|stream)\(/, 'a query executed'],
  [/^import\s+(?!type\b)[^;]*from\s+'kysely'/m, "a value import from 'kysely'"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The code without comments, and chains joined (`ctx.db\n  .transaction()` reads as one line). */
function codeOf(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s*\n\s*\./g, '.');
}

/** The relative imports of a module, resolved to paths under `src` (forward slashes). */
function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specifiers.map((spec) =>
    relative(srcDir, resolve(dirname(file), spec))
      .split(sep)
      .join('/'),
  );
}

/** What a procedure file does that belongs in the domain: one line per finding. */
function sqlFindings(text: string): string[] {
  const code = codeOf(text).replaceAll('.transaction().execute(', '.transaction().run(');
  return sqlPatterns.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
}

/** Whether a module outside routers/ may import the given path. */
function importsRouters(fromFile: string, imported: string[]): string[] {
  if (fromFile.startsWith('routers/') || mayImportRouters.has(fromFile)) return [];
  return imported.filter((path) => path === 'routers' || path.startsWith('routers/'));
}

/** The repository's packages and apps, each with its folders of tests. */
const repoDir = resolve(srcDir, '../../..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'fixtures') return [];
    if (entry.isDirectory()) return testFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Relative imports of a test that land in another package's folder. */
function crossPackageImports(file: string, packageDir: string, text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)]
    .map((m) => m[1] as string)
    .filter((spec) => !resolve(dirname(file), spec).startsWith(packageDir + sep));
}

describe('tests stay in their package', () => {
  it('no test imports another package by a relative path (use its package name and exports)', () => {
    const offenders = ['apps', 'packages'].flatMap((group) =>
      readdirSync(join(repoDir, group)).flatMap((name) => {
        const packageDir = join(repoDir, group, name);
        return ['test', 'e2e']
          .map((folder) => join(packageDir, folder))
          .filter((dir) => existsSync(dir))
          .flatMap(testFiles)
          .flatMap((file) =>
            crossPackageImports(file, packageDir, readFileSync(file, 'utf8')).map(
              (spec) => `${relative(repoDir, file)} imports ${spec}`,
            ),
          );
      }),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the layers of packages/api', () => {
  const files = sourceFiles(srcDir).map((path) => ({
    path,
    name: relative(srcDir, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8'),
  }));

  it('finds the source tree', () => {
    expect(files.filter((file) => file.name.startsWith('routers/')).length).toBeGreaterThan(50);
    expect(files.filter((file) => file.name.startsWith('domain/')).length).toBeGreaterThan(50);
  });

  it('no file outside routers/ imports from routers/ (but the router tree and the package surface)', () => {
    const offenders = files.flatMap((file) =>
      importsRouters(file.name, importsOf(file.path, file.text)).map((path) => `${file.name} imports ${path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no file under routers/ builds or runs SQL: that is a domain function (db, args)', () => {
    const offenders = files
      .filter((file) => file.name.startsWith('routers/'))
      .flatMap((file) => sqlFindings(file.text).map((what) => `${file.name}: ${what}`));
    expect(offenders).toEqual([]);
  });

  it('the SQL check sees each kind of query, and lets a transaction through', () => {
    expect(sqlFindings("const a = await ctx.db\n  .selectFrom('users')\n  .select('id')")).toContain(
      'a query builder call',
    );
    expect(sqlFindings('await trx.deleteFrom("cars").where("id", "=", id);')).toContain('a query builder call');
    expect(sqlFindings('const { rows } = await sql<{ now: Date }>`select now()`.execute(ctx.db);')).toEqual([
      'a raw sql`...` template',
      'a query executed',
    ]);
    expect(sqlFindings("import { sql } from 'kysely';")).toEqual(["a value import from 'kysely'"]);
    expect(sqlFindings("import type { Updateable } from 'kysely';")).toEqual([]);
    expect(
      sqlFindings('return ctx.db\n      .transaction()\n      .execute(async (trx) => removeCar(trx, id));'),
    ).toEqual([]);
    expect(sqlFindings("// ctx.db.selectFrom('users') in a comment\nconst x = 1;")).toEqual([]);
  });

  it('the import check sees a domain module reaching into routers/, and allows the router tree', () => {
    expect(importsRouters('domain/cars/queries.ts', ['routers/cars/schemas', 'pagination'])).toEqual([
      'routers/cars/schemas',
    ]);
    expect(importsRouters('root.ts', ['routers/cars/router'])).toEqual([]);
    expect(importsRouters('routers/sales/create.ts', ['routers/auth/schemas'])).toEqual([]);
  });
});
