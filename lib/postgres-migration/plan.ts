import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as pgSchema from "@/db/pg/schema";

/** What a value must be converted to, from the PostgreSQL column's type. */
export type ColumnKind = "integer" | "real" | "boolean" | "text" | "bytea";

export type ColumnPlan = { name: string; kind: ColumnKind; identity: boolean };

export type TablePlan = {
  name: string;
  /** In the schema's order: the order values are read, written and hashed in. */
  columns: ColumnPlan[];
  /** The rows' order on both sides (checksums are computed in it). */
  primaryKey: string[];
  /** Tables this one points to (copied before it). */
  dependsOn: string[];
  /**
   * Columns pointing into the same table (a department's parent): written NULL first and set
   * once every row is in, since a parent may have a higher id than its child.
   */
  selfReferences: string[];
};

const KINDS: Record<string, ColumnKind> = { bigint: "integer", "double precision": "real", boolean: "boolean", text: "text", bytea: "bytea" };

/**
 * Every table of db/pg/schema.ts in an order that satisfies its foreign keys (a table after the
 * ones it points to; ties alphabetical, so the order is the same on every run).
 * @throws when a column type has no conversion here or the foreign keys form a cycle
 */
export function copyPlan(schema: Record<string, unknown> = pgSchema): TablePlan[] {
  const tables = new Map<string, TablePlan>();
  for (const value of Object.values(schema)) {
    if (!(value instanceof PgTable)) continue;
    const config = getTableConfig(value);
    const columns = config.columns.map((c): ColumnPlan => {
      const kind = KINDS[c.getSQLType()];
      if (!kind) throw new Error(`${config.name}.${c.name}: no conversion for PostgreSQL type ${c.getSQLType()}`);
      return { name: c.name, kind, identity: c.generatedIdentity !== undefined };
    });
    const primaryKey = config.primaryKeys.length ? config.primaryKeys[0]!.columns.map((c) => c.name) : config.columns.filter((c) => c.primary).map((c) => c.name);
    if (!primaryKey.length) throw new Error(`${config.name} has no primary key: its rows have no order to compare in`);
    const dependsOn = new Set<string>();
    const selfReferences: string[] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      if (target === config.name) selfReferences.push(...ref.columns.map((c) => c.name));
      else dependsOn.add(target);
    }
    if (selfReferences.length && (primaryKey.length !== 1 || columns.find((c) => c.name === primaryKey[0])?.kind !== "integer")) {
      throw new Error(`${config.name} points into itself without a single integer key: not supported`);
    }
    tables.set(config.name, { name: config.name, columns, primaryKey, dependsOn: [...dependsOn].sort(), selfReferences });
  }
  return inDependencyOrder(tables);
}

function inDependencyOrder(tables: Map<string, TablePlan>): TablePlan[] {
  const ordered: TablePlan[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.size) {
    const ready = [...tables.values()].filter((t) => !done.has(t.name) && t.dependsOn.every((d) => done.has(d) || !tables.has(d))).sort((a, b) => a.name.localeCompare(b.name));
    if (!ready.length) {
      const left = [...tables.keys()].filter((n) => !done.has(n));
      throw new Error(`the foreign keys of ${left.join(", ")} form a cycle: no copy order exists`);
    }
    const next = ready[0]!;
    done.add(next.name);
    ordered.push(next);
  }
  return ordered;
}
