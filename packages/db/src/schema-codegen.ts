import { type Kysely, sql } from 'kysely';

/**
 * Renders the `DB` interface from a migrated database, so the types Kysely checks queries
 * against are read off the real schema instead of typed by hand. `schema.ts` is this
 * function's output; a test migrates a fresh database and fails when they differ.
 */

interface ColumnRow {
  tableName: string;
  columnName: string;
  isNullable: 'YES' | 'NO';
  columnDefault: string | null;
  udtName: string;
  isGenerated: 'ALWAYS' | 'NEVER';
  isIdentity: 'YES' | 'NO';
}

interface CheckRow {
  tableName: string;
  columnName: string;
  definition: string;
}

const scalarTypes: Record<string, string> = {
  uuid: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  inet: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'string',
  bool: 'boolean',
  date: 'string',
  timestamptz: 'Timestamp',
  json: 'Json',
  jsonb: 'Json',
  bytea: 'Buffer',
  tstzrange: 'string',
};

function tsType(udtName: string): string {
  if (udtName.startsWith('_')) return `${tsType(udtName.slice(1))}[]`;
  const mapped = scalarTypes[udtName];
  if (!mapped) throw new Error(`schema-codegen: no TypeScript type for the SQL type ${udtName}`);
  return mapped;
}

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function pascalCase(name: string): string {
  const camel = camelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** `((role = ANY (ARRAY['client'::text, 'staff'::text])))` -> ['client', 'staff'] */
function allowedValues(definition: string): string[] | null {
  const match = /^CHECK \(\(\(?(\w+)\)? = ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)\)\)$/.exec(definition);
  if (!match?.[2]) return null;
  const values = [...match[2].matchAll(/'((?:[^']|'')*)'::[\w ]+/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"));
  return values.length > 0 ? values : null;
}

export async function renderSchema(db: Kysely<any>): Promise<string> {
  const raw = db.withoutPlugins();
  const columns = (
    await sql<ColumnRow>`
      select c.table_name as "tableName", c.column_name as "columnName", c.is_nullable as "isNullable",
             c.column_default as "columnDefault", c.udt_name as "udtName",
             c.is_generated as "isGenerated", c.is_identity as "isIdentity"
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema() and c.table_name not like 'kysely\\_%'
      order by c.table_name, c.ordinal_position`.execute(raw)
  ).rows;

  const checks = (
    await sql<CheckRow>`
      select cl.relname as "tableName", a.attname as "columnName", pg_get_constraintdef(con.oid) as "definition"
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
      where con.contype = 'c' and array_length(con.conkey, 1) = 1 and n.nspname = current_schema()
      order by con.conname`.execute(raw)
  ).rows;

  const unions = new Map<string, string>();
  for (const check of checks) {
    const values = allowedValues(check.definition);
    if (values) unions.set(`${check.tableName}.${check.columnName}`, values.map((v) => `'${v}'`).join(' | '));
  }

  const tables = new Map<string, string[]>();
  for (const col of columns) {
    let type = unions.get(`${col.tableName}.${col.columnName}`) ?? tsType(col.udtName);
    if (col.isNullable === 'YES') type = `${type} | null`;
    if (col.isGenerated === 'ALWAYS') type = `GeneratedAlways<${type}>`;
    else if (col.columnDefault !== null || col.isIdentity === 'YES') type = `Generated<${type}>`;
    const lines = tables.get(col.tableName) ?? [];
    lines.push(`  ${camelCase(col.columnName)}: ${type};`);
    tables.set(col.tableName, lines);
  }

  const out = [
    '// Generated from the migrated database by `pnpm --filter @carhub/db gen:schema`. Do not edit:',
    '// change or add a migration, then regenerate. A test fails when this file and the migrations differ.',
    "import type { ColumnType } from 'kysely';",
    '',
    '/** A column the database fills when an insert leaves it out. */',
    'export type Generated<T> =',
    '  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;',
    '/** A column only the database writes (GENERATED ALWAYS). */',
    'export type GeneratedAlways<T> = T extends ColumnType<infer S> ? ColumnType<S, never, never> : ColumnType<T, never, never>;',
    'export type Timestamp = ColumnType<Date, Date | string, Date | string>;',
    'export type Json = ColumnType<unknown, string, string>;',
    '',
  ];
  for (const [table, lines] of tables) {
    out.push(`export interface ${pascalCase(table)}Table {`, ...lines, '}', '');
  }
  out.push('export interface DB {');
  for (const table of tables.keys()) out.push(`  ${camelCase(table)}: ${pascalCase(table)}Table;`);
  out.push('}', '');
  return out.join('\n');
}
