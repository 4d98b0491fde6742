/**
 * Field mapping: which source column feeds which canonical field. Explicit mappings win; the rest is
 * detected from header names in English and Chinese, matched case-, blank-, `_`-, `-`- and
 * `.`-insensitively (`Customer ID` = `customer_id` = `CustomerID`).
 */
import { TABLES, type FieldSpec } from '../dataset/schema.js';
import type { TableName } from '../dataset/types.js';
import { oneLine } from './messages.js';
import type { TableIngestOptions } from './types.js';

/** A header name reduced for matching: lower case, without blanks, `_`, `-` and `.`. */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.\u3000]+/g, '');
}

const CUSTOMER = ['customerid', 'customer', 'custid', 'customerno', 'customernumber', 'customercode', 'clientid', 'client', 'userid', 'user', 'memberid', 'member', 'accountid', 'buyerid', 'masterid', '客户id', '客户编号', '客户号', '客户', '会员id', '会员编号', '会员号', '会员', '用户id', '用户编号', '用户', '顾客id', '顾客编号', '买家id'];
const ORDER_DATE = ['date', 'orderdate', 'invoicedate', 'purchasedate', 'transactiondate', 'saledate', 'orderdatetime', 'ordertime', 'purchasetime', 'datetime', 'timestamp', 'createdat', 'time', 'day', '日期', '订单日期', '下单时间', '下单日期', '购买日期', '购买时间', '交易日期', '交易时间', '订单时间', '支付时间', '付款时间', '时间'];
const ORDER_AMOUNT = ['amount', 'revenue', 'sales', 'total', 'totalamount', 'ordertotal', 'orderamount', 'ordervalue', 'dollarvalue', 'value', 'netsales', 'grosssales', 'totalprice', 'payment', 'paid', 'spend', '金额', '订单金额', '实付金额', '销售额', '消费金额', '支付金额', '付款金额', '交易金额', '总金额', '总额', '总价', '收入', '营收'];
const CHANNEL = ['channel', 'saleschannel', 'acquisitionchannel', 'source', 'medium', '渠道', '销售渠道', '获客渠道', '来源'];
const QUANTITY = ['quantity', 'qty', 'units', 'numberofcds', 'itemcount', 'count', '数量', '件数', '购买数量'];
const UNIT_PRICE = ['unitprice', 'price', 'priceeach', 'itemprice', 'unitcost', '单价', '价格', '商品单价'];
const DAY = ['date', 'day', 'datetime', 'timestamp', 'time', '日期', '时间'];

/** Header names each canonical field is detected from, in order of preference. */
const SYNONYMS: Readonly<Record<TableName, Readonly<Record<string, readonly string[]>>>> = {
  orders: {
    customer_id: CUSTOMER,
    date: ORDER_DATE,
    amount: ORDER_AMOUNT,
    order_id: ['orderid', 'order', 'orderno', 'ordernumber', 'invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'transactionid', 'receiptid', '订单号', '订单id', '订单编号', '交易号', '发票号'],
    margin: ['margin', 'grossmargin', 'profit', 'grossprofit', '毛利', '毛利额', '利润'],
    channel: CHANNEL,
    quantity: QUANTITY,
  },
  customers: {
    customer_id: [...CUSTOMER, 'id'],
    signup_date: ['signupdate', 'signup', 'signedup', 'registrationdate', 'registered', 'joindate', 'joined', 'firstdate', 'firstseen', 'createdat', 'since', '注册日期', '注册时间', '开户日期', '首次日期', '入会日期'],
    channel: CHANNEL,
    acquisition_cost: ['acquisitioncost', 'cac', 'costtoacquire', '获客成本'],
    referred: ['referred', 'isreferred', 'referral', 'wasreferred', '是否推荐', '推荐', '转介绍', '是否转介绍'],
    segment: ['segment', 'customersegment', 'tier', 'level', '分群', '客户分群', '细分', '客户等级', '等级'],
    industry: ['industry', 'sector', 'vertical', '行业', '所属行业'],
    potential: ['potential', 'potentialvalue', 'potentialscore', '潜力', '潜在价值', '潜力值'],
    plan: ['plan', 'subscription', 'package', 'product', '套餐', '方案', '产品'],
    renewal_date: ['renewaldate', 'renewal', 'nextrenewal', 'renewsat', '续费日期', '续约日期', '到期日'],
  },
  events: {
    customer_id: CUSTOMER,
    timestamp: ['timestamp', 'time', 'datetime', 'eventtime', 'occurredat', 'createdat', 'date', '时间', '事件时间', '发生时间', '日期'],
    type: ['type', 'eventtype', 'event', 'action', 'activity', 'kind', '类型', '事件类型', '事件', '行为'],
    channel: CHANNEL,
    feature: ['feature', 'featurename', 'module', '功能', '功能模块'],
  },
  feedback: {
    customer_id: CUSTOMER,
    date: [...DAY, 'surveydate', 'answeredat', 'respondedat', '调查日期', '反馈日期'],
    nps: ['nps', 'npsscore', 'recommend', 'likelihoodtorecommend', 'score', '推荐值', '净推荐值', 'nps得分', '推荐意愿'],
    csat: ['csat', 'csatscore', 'satisfaction', 'satisfactionscore', '满意度', '满意度评分'],
    touchpoint: ['touchpoint', 'touchpointname', '触点', '接触点'],
    stage: ['stage', 'lifecyclestage', 'journeystage', '阶段', '生命周期阶段'],
    comment: ['comment', 'comments', 'feedback', 'verbatim', 'text', 'remark', '评论', '意见', '反馈', '备注'],
  },
  spend: {
    date: [...DAY, 'period', 'month', 'week', '月份', '期间'],
    channel: CHANNEL,
    amount: ['amount', 'spend', 'cost', 'budget', 'adspend', 'marketingspend', '金额', '花费', '费用', '投放金额', '营销费用'],
  },
  summary: {
    customer_id: [...CUSTOMER, 'id'],
    // lifetimes' summary names frequency / recency / T / monetary_value mean x / t_x / T / monetary
    x: ['x', 'frequency', 'repeatpurchases', 'repeattransactions', '复购次数'],
    t_x: ['tx', 'recency', 'lastpurchasetime'],
    T: ['t', 'age', 'customerage'],
    monetary: ['monetary', 'monetaryvalue', 'zbar', 'mx', 'averagerepeatspend', 'avgspend'],
    recency: ['recencydays', 'dayssincelastorder', 'dayssincelastpurchase'],
    frequency: ['ordercount', 'orders', 'transactions', 'transactioncount'],
  },
};

/** Column names a missing-column error lists. */
const MAX_LISTED = 20;

/**
 * What the Error thrown for a required field that no column feeds carries as `missingColumn`, so a
 * widget can say it in the reader's language.
 */
export interface MissingColumn {
  readonly table: TableName;
  readonly field: string;
  /** The source's column names (the first 20). */
  readonly columns: readonly string[];
}

/** One canonical field and the source column(s) it is read from. */
export interface FieldSource {
  readonly spec: FieldSpec;
  /** 0-based source column indexes: one, or two for a derived product. */
  readonly sources: readonly number[];
  /** How the report names the source (`Revenue`, `Quantity * UnitPrice`, `column 3`). */
  readonly label: string;
}

/** How one table's source maps onto its canonical fields. */
export interface TablePlan {
  readonly table: TableName;
  /** Mapped fields in schema order. */
  readonly fields: readonly FieldSource[];
  /** Extra numeric attributes (customers): attribute name and source column. */
  readonly attributes: readonly { readonly name: string; readonly source: number }[];
  readonly mapping: Readonly<Record<string, string>>;
  readonly unmapped: readonly string[];
  /** Duplicate header names seen (the first column of each name is the one matched). */
  readonly duplicates: readonly string[];
  /** The source had no header and no rows: an empty table of the required fields. */
  readonly empty?: boolean;
}

/** The plan of a source without any data (an empty text or array): the required fields, no rows. */
export function emptyPlan(table: TableName): TablePlan {
  const fields = TABLES[table].fields.filter((f) => f.required).map((spec) => ({ spec, sources: [], label: '' }));
  return { table, fields, attributes: [], mapping: {}, unmapped: [], duplicates: [], empty: true };
}

/**
 * Detects the mapping of a table from header names alone: canonical field -> header. An amount that
 * only exists as quantity x unit price is given as `"Quantity * UnitPrice"`.
 */
export function detectMapping(table: TableName, headers: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const f of planTable(table, headers, {}, true).fields) mapping[f.spec.name] = f.label;
  return mapping;
}

/** Which header a name refers to: the exact name first, then the normalized one. */
function findHeader(headers: readonly string[], normalized: readonly string[], name: string): number {
  const exact = headers.indexOf(name);
  return exact >= 0 ? exact : normalized.indexOf(normalizeHeader(name));
}

/**
 * Builds the plan of a table: explicit `map`/`derive` first, then detection for the other fields.
 * `headers` are the source's column names (for a headerless source, pass `hasHeader` false and the
 * mapping must be positional). Throws an Error naming the problem for an unknown field, a column that
 * is not there, or a required field that cannot be found.
 */
export function planTable(
  table: TableName,
  headers: readonly string[],
  options: Pick<TableIngestOptions, 'map' | 'derive'>,
  hasHeader: boolean,
  numericColumn?: (index: number) => boolean,
): TablePlan {
  const spec = TABLES[table];
  const normalized = headers.map(normalizeHeader);
  const names = (i: number): string => (hasHeader && headers[i] ? headers[i] : `column ${i + 1}`);
  const seen = headers.length > 0 ? oneLine(` (columns seen: ${headers.join(', ')})`) : ' (the source has no columns)';
  const resolve = (field: string, column: string | number): number => {
    if (typeof column === 'number') {
      if (!Number.isInteger(column) || column < 1) throw new Error(`${table} mapping ${field}=${column}: a column position is a whole number from 1`);
      return column - 1;
    }
    const index = hasHeader ? findHeader(headers, normalized, column) : -1;
    if (index < 0) {
      throw new Error(
        hasHeader
          ? `${table} mapping ${field}=${column}: no column "${column}"${seen}`
          : `${table} mapping ${field}=${column}: the source has no header row, map columns by position (${field}=2)`,
      );
    }
    return index;
  };
  const fieldOf = (name: string): FieldSpec => {
    const field = spec.fields.find((f) => f.name === name);
    if (!field) throw new Error(`unknown field "${name}" in the ${table} mapping; its fields are ${spec.fields.map((f) => f.name).join(', ')}`);
    return field;
  };

  const chosen = new Map<string, number[]>();
  const used = new Set<number>();
  for (const [name, column] of Object.entries(options.map ?? {})) {
    fieldOf(name);
    const index = resolve(name, column);
    chosen.set(name, [index]);
    used.add(index);
  }
  for (const [name, pair] of Object.entries(options.derive ?? {})) {
    if (fieldOf(name).kind !== 'number') throw new Error(`${table} derive ${name}: only number fields can be derived as a product`);
    const indexes = [resolve(name, pair[0]), resolve(name, pair[1])];
    chosen.set(name, indexes);
    for (const i of indexes) used.add(i);
  }
  if (hasHeader) {
    const detect = (candidates: readonly string[]): number => {
      for (const candidate of candidates) {
        for (let i = 0; i < normalized.length; i++) if (!used.has(i) && normalized[i] === candidate) return i;
      }
      return -1;
    };
    for (const field of spec.fields) {
      if (chosen.has(field.name)) continue;
      const index = detect(SYNONYMS[table][field.name] ?? []);
      if (index >= 0) {
        chosen.set(field.name, [index]);
        used.add(index);
      }
    }
    if (table === 'orders' && !chosen.has('amount')) {
      const quantity = chosen.get('quantity')?.[0] ?? detect(QUANTITY);
      const price = detect(UNIT_PRICE);
      if (quantity >= 0 && price >= 0) {
        chosen.set('amount', [quantity, price]);
        used.add(quantity);
        used.add(price);
      }
    }
  }

  const fields: FieldSource[] = [];
  const mapping: Record<string, string> = {};
  for (const field of spec.fields) {
    const sources = chosen.get(field.name);
    if (!sources) {
      if (field.required) {
        const message = `${table} needs a ${field.name} column; map one with ${field.name}=<column>${hasHeader ? seen : ' (the source has no header row: give the column position)'}`;
        throw Object.assign(new Error(message), { missingColumn: { table, field: field.name, columns: headers.slice(0, MAX_LISTED).map((h) => oneLine(h)) } satisfies MissingColumn });
      }
      continue;
    }
    const label = sources.map(names).join(' * ');
    fields.push({ spec: field, sources, label });
    mapping[field.name] = label;
  }
  const attributes: { name: string; source: number }[] = [];
  const unmapped: string[] = [];
  const duplicates = new Set<string>();
  for (let i = 0; i < headers.length; i++) {
    if (headers[i] !== '' && normalized.indexOf(normalized[i]) !== i) duplicates.add(headers[i]);
    if (used.has(i)) continue;
    if (spec.extraNumericAttributes && hasHeader && headers[i] !== '' && numericColumn?.(i)) attributes.push({ name: headers[i], source: i });
    else unmapped.push(names(i));
  }
  return { table, fields, attributes, mapping, unmapped, duplicates: [...duplicates] };
}
