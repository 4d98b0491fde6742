/** d3-dsv `csvParse` with `autoType` (numbers and ISO dates typed), rows as objects. Parse only. */
import { autoType, csvParse } from 'd3-dsv';
import { factsOfRows } from '../work.mjs';

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'd3-dsv (csvParse + autoType)',
  kind: 'parse',
  load(bytes) {
    return csvParse(new TextDecoder().decode(bytes), autoType);
  },
  result(_out, rows) {
    return factsOfRows(rows, (r) => r.customer_id, (r) => r.date.getTime() / 86_400_000, (r) => r.amount);
  },
};
