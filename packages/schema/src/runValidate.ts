import type { CommandResult } from './runCli';
import { loadConfigFile } from './loadConfigFile';
import { readJsonFile } from './readJsonFile';

/** Inputs of `tidemark validate`. */
export interface ValidateCommand {
  files: readonly string[];
  /** JSON file listing known event names: an array of strings, or `{ "events": [...] }`. */
  eventsFile?: string | undefined;
}

const readEvents = (file: string): { ok: true; events: string[] } | { ok: false; line: string } => {
  const read = readJsonFile(file);
  if (!read.ok) return { ok: false, line: `${file}: ${read.message}` };
  const list = Array.isArray(read.value) ? read.value : (read.value as { events?: unknown } | null)?.events;
  if (!Array.isArray(list) || !list.every((e) => typeof e === 'string'))
    return { ok: false, line: `${file}: expected an array of event names or { "events": [...] }` };
  return { ok: true, events: list };
};

/** `tidemark validate FILE... [--events FILE]`: `✓ FILE` per valid file, `FILE: path: message` per problem; exit 1 on any problem. */
export function runValidate({ files, eventsFile }: ValidateCommand): CommandResult {
  let events: string[] | undefined;
  if (eventsFile !== undefined) {
    const read = readEvents(eventsFile);
    if (!read.ok) return { code: 1, lines: [read.line] };
    events = read.events;
  }
  const problems = files.map((file) => {
    const loaded = loadConfigFile(file, events ? { events } : {});
    return loaded.ok ? [] : loaded.lines;
  });
  const lines = problems.flatMap((found, i) => (found.length ? found : [`✓ ${files[i]}`]));
  return { code: problems.some((found) => found.length) ? 1 : 0, lines };
}
