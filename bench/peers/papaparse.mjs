/** papaparse: header row, dynamic typing (amounts become numbers), rows as objects. Parse only. */
import Papa from 'papaparse';
import { dayOfIso, factsOfRows } from '../work.mjs';

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'papaparse (header, dynamicTyping)',
  kind: 'parse',
  load(bytes) {
    return Papa.parse(new TextDecoder().decode(bytes), { header: true, dynamicTyping: true, skipEmptyLines: true }).data;
  },
  result(_out, rows) {
    return factsOfRows(rows, (r) => r.customer_id, (r) => dayOfIso(r.date), (r) => r.amount);
  },
};

