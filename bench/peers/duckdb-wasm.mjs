/**
 * DuckDB-wasm, the build browsers use, run in Node through its synchronous node-blocking bundle
 * (single-threaded, like the browser's default bundle). The file bytes are registered as an
 * in-memory file and read with `read_csv` (load); the SQL of duckdb-sql.mjs runs as compute and its
 * Arrow results are read back into JS columns.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { COHORTS, EDGES, PREPARE, SCORED, loadSql, workResult } from './duckdb-sql.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
const FILE = 'orders.csv';

/** @type {any} */
let db;
/** @type {any} */
let connection;

/** @param {any} table Arrow table @returns {ArrayLike<any>[]} */
function columns(table) {
  return table.schema.fields.map((/** @type {unknown} */ _, /** @type {number} */ i) => table.getChildAt(i).toArray());
}

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'DuckDB-wasm (node-blocking build)',
  kind: 'pipeline',

  async setup() {
    db = await duckdb.createDuckDB(
      {
        mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
        eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
      },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await db.instantiate(() => {});
    connection = db.connect();
  },

  load(bytes) {
    db.registerFileBuffer(FILE, bytes);
    connection.query(loadSql(FILE));
    return connection;
  },

  compute(conn) {
    for (const sql of PREPARE) conn.query(sql);
    const scored = columns(conn.query(SCORED));
    const edges = columns(conn.query(EDGES)).map((c) => c[0]);
    const cohorts = columns(conn.query(COHORTS));
    return { scored, edges, cohorts };
  },

  result({ scored, edges, cohorts }) {
    return workResult(scored, edges, cohorts);
  },

  dispose(conn) {
    conn.query('DROP TABLE IF EXISTS orders');
    db.dropFile(FILE);
  },
};
