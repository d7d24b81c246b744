import type { ConfigDocument } from './configSchema';
import { readJsonFile } from './readJsonFile';
import { validateConfig, type ValidateConfigOptions } from './validateConfig';

/** The valid document, or one `FILE: path: message` line per problem (`FILE: message` when unreadable). */
export type LoadConfigResult = { ok: true; value: ConfigDocument } | { ok: false; lines: string[] };

/** Reads, parses and validates a config document file for the CLI commands. */
export function loadConfigFile(file: string, options: ValidateConfigOptions = {}): LoadConfigResult {
  const read = readJsonFile(file);
  if (!read.ok) return { ok: false, lines: [`${file}: ${read.message}`] };
  const result = validateConfig(read.value, options);
  return result.ok ? result : { ok: false, lines: result.issues.map(({ path, message }) => `${file}: ${path}: ${message}`) };
}
