/** Runs the real `crm-lens analyze` bin in a child process, for the CLI end-to-end tests. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const BIN = resolve(import.meta.dirname, '../../bin/crm-lens.mjs');
const run = promisify(execFile);

/** Exit code and output of one run. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `crm-lens analyze ...args`; a non-zero exit is returned, not thrown. */
export async function analyze(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'analyze', ...args], { maxBuffer: 256 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
