/**
 * The shared reference data sets (../shared/data, or $CRM_LENS_DATA). They are never copied into the
 * project. Under CI a missing file fails the run; elsewhere the tests that need it do not run and say
 * so plainly.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Root folder of the reference data. */
export const DATA_ROOT = resolve(process.env.CRM_LENS_DATA ?? resolve(import.meta.dirname, '../../../shared/data'));

/**
 * Absolute path of a reference file, or undefined when it is missing outside CI (after printing why
 * the tests using it do not run). Throws under CI.
 */
export function referenceFile(relative: string): string | undefined {
  const path = resolve(DATA_ROOT, relative);
  if (existsSync(path)) return path;
  const message = `reference data ${path} not found (set CRM_LENS_DATA to the folder holding cdnow/, rfm/, uci/)`;
  if (process.env.CI === 'true') throw new Error(`${message}; under CI the data sets are required`);
  console.warn(`NOT RUN: the tests that need ${relative}: ${message}`);
  return undefined;
}
