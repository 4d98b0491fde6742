/**
 * DuckDB native (@duckdb/node-api): `read_csv` into a table (load), the SQL of duckdb-sql.mjs
 * (compute), results read back into JS columns. Uses DuckDB's default thread count (all cores).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { COHORTS, EDGES, PREPARE, SCORED, loadSql, workResult } from './duckdb-sql.mjs';

/** @type {import('@duckdb/node-api').DuckDBConnection} */
let connection;

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'DuckDB native (@duckdb/node-api)',
  kind: 'pipeline',

  async setup() {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
  },

  async load(_bytes, path) {
    await connection.run(loadSql(path));
    return connection;
  },

  async compute(db) {
    for (const sql of PREPARE) await db.run(sql);
    const scored = (await db.runAndReadAll(SCORED)).getColumns();
    const edges = (await db.runAndReadAll(EDGES)).getRows()[0];
    const cohorts = (await db.runAndReadAll(COHORTS)).getColumns();
    return { scored, edges, cohorts };
  },

  result({ scored, edges, cohorts }) {
    return workResult(scored, edges, cohorts);
  },

  async dispose(db) {
    await db.run('DROP TABLE IF EXISTS orders');
  },
};
