/** Options of the sample company generator, validated with zod. */
import { z } from '../zod.js';

/** Default options: the small pre-generated sample in `demo/data/sample-company.json`. */
export const SAMPLE_DEFAULTS = { customers: 200, seed: 20240101, start: '2024-01', months: 18 } as const;

/** zod schema of {@link SampleOptions}. */
export const sampleOptionsSchema = z.object({
  /** Customers to simulate (every one gets a customers row; trials that never buy have no orders). */
  customers: z.number().int().min(1).max(5_000_000).default(SAMPLE_DEFAULTS.customers),
  /** PRNG seed: the same seed and options give byte-identical output. */
  seed: z.number().int().min(0).max(0xffffffff).default(SAMPLE_DEFAULTS.seed),
  /** First month of the simulated history, `YYYY-MM`. */
  start: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'start must be YYYY-MM')
    .default(SAMPLE_DEFAULTS.start),
  /** Length of the history in months; data ends on the last day of the last month. */
  months: z.number().int().min(1).max(240).default(SAMPLE_DEFAULTS.months),
});

/** Options of the sample company (all optional; see {@link SAMPLE_DEFAULTS}). */
export type SampleOptions = z.input<typeof sampleOptionsSchema>;
/** Options after defaults are applied. */
export type ResolvedSampleOptions = z.output<typeof sampleOptionsSchema>;
