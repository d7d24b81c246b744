import { parseArgs, USAGE } from './parseArgs';
import { startCollector } from './startCollector';

// `pnpm collector [flags]`: runs until SIGINT/SIGTERM, then closes the database cleanly.
const command = parseArgs(process.argv.slice(2), process.env);
if (command.kind === 'help') {
  console.log(USAGE);
  process.exit(0);
}
if (command.kind === 'error') {
  console.error(`tidemark collector: ${command.message}\n\n${USAGE}`);
  process.exit(2);
}

const { options } = command;
const collector = await startCollector(options).catch((error: Error) => {
  console.error(`tidemark collector: ${error.message}`);
  process.exit(1);
});
console.log(`tidemark collector listening on ${collector.url} (db: ${options.db})`);

const stop = (signal: string) => {
  console.log(`tidemark collector: ${signal}, closing`);
  // A second signal while closing exits at once.
  process.once(signal, () => process.exit(1));
  collector.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
