import { runCli } from './runCli';

// Entry of the `tidemark` bin: the only module that touches process I/O.
const { code, lines } = runCli(process.argv.slice(2));
const text = lines.length ? `${lines.join('\n')}\n` : '';
if (code === 2) process.stderr.write(text);
else process.stdout.write(text);
process.exitCode = code;
