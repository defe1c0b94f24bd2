import {
  CamelCasePlugin,
  type CompiledQuery,
  type PluginTransformQueryArgs,
  PostgresQueryCompiler,
  type QueryId,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** Names converted once each: column names and aliases come from code, a set that stops growing. */
const MAX_NAMES = 10_000;

function remembered(cache: Map<string, string>, name: string, convert: (name: string) => string): string {
  let converted = cache.get(name);
  if (converted === undefined) {
    converted = convert(name);
    if (cache.size < MAX_NAMES) cache.set(name, converted);
  }
  return converted;
}

function isPlainObject(value: unknown): value is UnknownRow {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]')
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** The queries CamelCaseNames has seen: the compiler writes their identifiers in snake_case. */
const snakeCased = new WeakSet<QueryId>();

/**
 * Kysely's CamelCasePlugin, the same names both ways, without its per-query and per-row cost.
 * The plugin rebuilt every query's whole node tree to rename its identifiers; here it only
 * marks the query, and SnakeCaseCompiler renames each identifier as it writes it. It converted
 * every name character by character, and built each row with a reduce; here each name is
 * converted once, and rows are mapped in a loop (nested plain objects and arrays of them, as
 * jsonb columns return, are mapped as before). A handle without the plugin (`withoutPlugins()`:
 * migrations, schema reads) marks nothing, so its identifiers are written as they are.
 */
export class CamelCaseNames extends CamelCasePlugin {
  readonly #camel = new Map<string, string>();
  readonly #snake = new Map<string, string>();

  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    snakeCased.add(args.queryId);
    return args.node;
  }

  /** The snake_case name the database knows a camelCase one by. */
  snakeCaseName(name: string): string {
    return this.snakeCase(name);
  }

  protected override camelCase(name: string): string {
    return remembered(this.#camel, name, (n) => super.camelCase(n));
  }

  protected override snakeCase(name: string): string {
    return remembered(this.#snake, name, (n) => super.snakeCase(n));
  }

  protected override mapRow(row: UnknownRow): UnknownRow {
    const mapped: UnknownRow = {};
    for (const key of Object.keys(row)) {
      let value = row[key];
      if (Array.isArray(value)) value = value.map((item) => (isPlainObject(item) ? this.mapRow(item) : item));
      else if (isPlainObject(value)) value = this.mapRow(value);
      mapped[this.camelCase(key)] = value;
    }
    return mapped;
  }
}

/** PostgreSQL's compiler, writing the identifiers of the queries CamelCaseNames marked in snake_case. */
export class SnakeCaseCompiler extends PostgresQueryCompiler {
  readonly #names: CamelCaseNames;
  #renaming = false;

  constructor(names: CamelCaseNames) {
    super();
    this.#names = names;
  }

  override compileQuery(node: RootOperationNode, queryId: QueryId): CompiledQuery {
    this.#renaming = snakeCased.has(queryId);
    try {
      return super.compileQuery(node, queryId);
    } finally {
      this.#renaming = false;
    }
  }

  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(this.#renaming ? this.#names.snakeCaseName(identifier) : identifier);
  }
}
