/**
 * The `crm-lens` command line: check a feed before embedding it. Each command lives in
 * `commands/<name>.ts` and exports `run(argv)` and `help`.
 */
import { CliError } from './errors.js';

interface Command {
  readonly summary: string;
  load(): Promise<{ run(argv: string[]): Promise<void>; help: string }>;
}

const COMMANDS: Record<string, Command> = {
  analyze: {
    summary: 'ingest report, RFM segments, cohorts, KPIs (and tiers, lifecycle, risk for multi-table feeds)',
    load: () => import('./commands/analyze.js'),
  },
  clv: {
    summary: 'fit BG/NBD, Pareto/NBD, Gamma-Gamma or sBG and report per-customer CLV',
    load: () => import('./commands/clv.js'),
  },
  sample: {
    summary: 'write the seeded sample company (all five tables) as one JSON feed',
    load: () => import('./commands/sample.js'),
  },
};

const USAGE = `crm-lens — customer analytics for CRM views, computed from your own data

Usage: crm-lens <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run "crm-lens <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}" (try crm-lens --help)`);
  const module = await command.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${module.help}\n`);
    return;
  }
  await module.run(rest);
}

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  // Bad input is a one-line reason and a non-zero exit, never a stack trace.
  const message = error instanceof CliError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`crm-lens: ${message}\n`);
  if (process.env.CRM_LENS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
});
