/** Validates analysis options with zod and turns a failure into one readable error. */
import { z } from '../zod.js';

/** Parses `input` with `schema`; throws a `RangeError` naming the analysis and every problem. */
export function parseOptions<S extends z.ZodType>(analysis: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
  throw new RangeError(`invalid ${analysis} options: ${problems}`);
}
