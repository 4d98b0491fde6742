/**
 * Believable labels for the sample company: customer company names (a few Chinese), industries,
 * feature names and survey comments. Plain data, no logic beyond picking a name for an index.
 */

const NAME_STEMS = [
  'Northwind', 'Bluepeak', 'Silverline', 'Redwood', 'Ironbridge', 'Clearwater', 'Brightstone', 'Summit',
  'Harbor', 'Cedar', 'Granite', 'Lakeshore', 'Meridian', 'Oakridge', 'Pinecrest', 'Riverbend', 'Stonegate',
  'Westfield', 'Evergreen', 'Falcon', 'Keystone', 'Lighthouse', 'Maple', 'Northstar', 'Orchid', 'Pioneer',
  'Quarry', 'Sapphire', 'Tidewater', 'Vantage', 'Willow', 'Amber', 'Beacon', 'Cobalt', 'Driftwood',
  'Emberly', 'Foxglove', 'Goldcrest', 'Highland', 'Juniper', 'Kestrel', 'Larkspur', 'Mosaic', 'Nimbus',
  'Obsidian', 'Parkway', 'Quillon', 'Rosewood', 'Sterling', 'Thornbury',
] as const;

const NAME_TRADES = [
  'Logistics', 'Analytics', 'Manufacturing', 'Health', 'Capital', 'Foods', 'Energy', 'Robotics', 'Retail',
  'Architects', 'Consulting', 'Freight', 'Labs', 'Media', 'Pharma', 'Systems', 'Textiles', 'Outfitters',
  'Insurance', 'Dental Group', 'Legal', 'Hospitality', 'Learning', 'Marine', 'Partners', 'Software',
  'Biotech', 'Construction', 'Telecom', 'Travel',
] as const;

const CHINESE_CITIES = ['上海', '北京', '深圳', '杭州', '广州', '成都', '苏州', '南京', '武汉', '西安', '天津', '厦门'] as const;
const CHINESE_STEMS = ['华辰', '明远', '云帆', '星海', '瑞丰', '宏图', '鼎新', '嘉禾', '天合', '博雅', '恒泰', '启航'] as const;
const CHINESE_TRADES = ['科技有限公司', '物流有限公司', '软件有限公司', '贸易有限公司', '医疗科技', '智能制造'] as const;

/** Industries with the relative share of customers in each. */
export const INDUSTRIES = [
  ['Software', 14],
  ['Manufacturing', 12],
  ['Retail', 11],
  ['Healthcare', 10],
  ['Financial services', 9],
  ['Logistics', 9],
  ['Professional services', 12],
  ['Education', 7],
  ['Media', 6],
  ['Energy', 5],
] as const;

/** Core features (named `core.*`, which the churn-risk analysis treats as core by default) and others. */
export const CORE_FEATURES = ['core.pipeline', 'core.forecasting', 'core.deal-rooms'] as const;
export const OTHER_FEATURES = ['reports.export', 'integrations.sync', 'admin.settings', 'mobile.capture', 'email.templates'] as const;

/** Survey comments by tone; Chinese customers answer in Chinese. */
export const COMMENTS = {
  negative: [
    'Support takes days to answer.',
    'We struggle to get the team to use the pipeline view.',
    'Pricing went up and value did not.',
    'The phone onboarding was confusing.',
    'Reports are too slow for our month-end.',
  ],
  positive: [
    'Forecasting saves our managers hours every week.',
    'Great onboarding and a responsive account team.',
    'The pipeline view is exactly what we needed.',
    'Integrations just work.',
  ],
  negativeZh: ['客服响应太慢。', '团队很少使用核心功能。', '价格上涨但价值没有提升。'],
  positiveZh: ['预测功能节省了大量时间。', '客户经理非常专业。', '集成很顺畅。'],
} as const;

const ENGLISH_COMBOS = NAME_STEMS.length * NAME_TRADES.length;

/**
 * A company name for customer `index`. English names are distinct for the first 1,500 customers (a
 * permutation of stem x trade), then repeat with a suffix ("... Group", "... Holdings").
 */
export function companyName(index: number, chinese: boolean): string {
  // 617 is coprime with the 1,500 combinations, so the first 1,500 indexes get every pair once.
  const k = (index * 617 + 3) % ENGLISH_COMBOS;
  if (chinese) {
    const city = CHINESE_CITIES[k % CHINESE_CITIES.length];
    const stem = CHINESE_STEMS[Math.floor(k / CHINESE_CITIES.length) % CHINESE_STEMS.length];
    const trade = CHINESE_TRADES[(index + k) % CHINESE_TRADES.length];
    return `${city}${stem}${trade}`;
  }
  const name = `${NAME_STEMS[k % NAME_STEMS.length]} ${NAME_TRADES[Math.floor(k / NAME_STEMS.length)]}`;
  const round = Math.floor(index / ENGLISH_COMBOS);
  return round === 0 ? name : `${name} ${['Group', 'Holdings', 'International', 'Worldwide'][(round - 1) % 4]}${round > 4 ? ` ${round}` : ''}`;
}
