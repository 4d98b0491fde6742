/** First-purchase cohorts and their retention matrix. */
export { cohorts, CohortOptionsSchema, type CohortOptions, type CohortResult, type CohortRow } from './cohorts.js';
