import { readFileSync } from 'node:fs';

/** The parsed file, or a one-line reason it could not be read or parsed. */
export type ReadJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads and parses a JSON file; never throws. */
export function readJsonFile(file: string): ReadJsonResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `invalid JSON: ${(error as Error).message}` };
  }
}
