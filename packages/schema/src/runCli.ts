import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { jsonSchemaText } from './generateJsonSchema';
import { runSimulate } from './runSimulate';
import { runValidate } from './runValidate';

/** What a command prints (one entry per line) and its exit code: 0 ok, 1 problems found, 2 usage error. */
export interface CommandResult {
  code: number;
  lines: string[];
}

export const USAGE = `Usage: tidemark <command> [options]

Commands:
  validate FILE... [--events FILE]   Check config documents: shape, weights, duplicate keys,
                                     namespaces, dates, regexes, and (with --events) event names.
  simulate FILE [--users N] [--attributes FILE] [--seed N]
                                     Assign N simulated users (default 100000, seed 1) and print
                                     each experiment's split, coverage and SRM p-value, and
                                     namespace conflicts.
  schema [--out FILE]                Print (or write) the JSON Schema of the config document.

Options:
  -h, --help       Show this help.
  -v, --version    Print the version.`;

const usageError = (message: string): CommandResult => ({ code: 2, lines: [`tidemark: ${message}`, '', USAGE] });

const version = (): string =>
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** An integer flag value ≥ `min` (the fallback when absent), or `null` when it is not one. */
const intFlag = (value: string | undefined, fallback: number, min: number): number | null => {
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) && +value >= min && Number.isSafeInteger(+value) ? +value : null;
};

const OPTIONS = {
  validate: { events: { type: 'string' } },
  simulate: { users: { type: 'string' }, seed: { type: 'string' }, attributes: { type: 'string' } },
  schema: { out: { type: 'string' } },
} satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof OPTIONS;
const isCommand = (name: string | undefined): name is Command => name !== undefined && Object.keys(OPTIONS).includes(name);

/**
 * The `tidemark` CLI without the process around it: takes the arguments after the program
 * name, returns what to print and the exit code. `cli.ts` does the printing.
 */
export function runCli(argv: readonly string[]): CommandResult {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { code: 0, lines: [USAGE] };
  if (command === '-v' || command === '--version') return { code: 0, lines: [version()] };
  if (!isCommand(command)) return usageError(`unknown command "${command}"`);

  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS[command], allowPositionals: true, strict: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed as { values: Record<string, string | undefined>; positionals: string[] };

  switch (command) {
    case 'validate':
      if (!positionals.length) return usageError('validate needs at least one FILE');
      return runValidate({ files: positionals, eventsFile: values.events });
    case 'simulate': {
      const users = intFlag(values.users, 100_000, 1);
      const seed = intFlag(values.seed, 1, 0);
      if (positionals.length !== 1) return usageError('simulate needs exactly one FILE');
      if (users === null) return usageError('--users must be a positive integer');
      if (seed === null) return usageError('--seed must be a non-negative integer');
      return runSimulate({ file: positionals[0]!, users, seed, attributesFile: values.attributes });
    }
    case 'schema':
      if (positionals.length) return usageError('schema takes no FILE (use --out FILE)');
      if (values.out === undefined) return { code: 0, lines: [jsonSchemaText().trimEnd()] };
      try {
        writeFileSync(values.out, jsonSchemaText());
      } catch (error) {
        return { code: 1, lines: [`${values.out}: cannot write file (${(error as NodeJS.ErrnoException).code ?? String(error)})`] };
      }
      return { code: 0, lines: [`wrote ${values.out}`] };
  }
}
