// Set-based bulk writes: one array parameter per column, read back as rows with unnest(…). A
// multi-row VALUES list binds one parameter per cell (18 per deadline row), and PostgreSQL parses and
// plans a statement that grows with the batch; with unnest the statement stays the same whatever the
// number of rows.
import type { Knex } from 'knex';

/** A column of the rows written: its name, its PostgreSQL type, and how to read it from a row. */
export type UnnestColumn<Row> = readonly [name: string, type: string, value: (row: Row) => unknown];

/**
 * `select … from unnest(?::type[], …) as u(names)` over the rows, in their order, with its bindings
 * (one array per column) for knex's raw().
 */
export function unnestRows<Row>(columns: readonly UnnestColumn<Row>[], rows: readonly Row[]): { names: string; select: string; bindings: Knex.Value[] } {
  const names = columns.map(([name]) => name).join(', ');
  return {
    names,
    select: `select ${names} from unnest(${columns.map(([, type]) => `?::${type}[]`).join(', ')}) as u(${names})`,
    // pg sends each array as an array literal; knex's types know only arrays of one JS type
    bindings: columns.map(([, , value]) => rows.map(value) as Knex.Value),
  };
}
