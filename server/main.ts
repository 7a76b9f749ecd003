/** Entry point: read configuration, load the scenarios and code sets, open storage, listen. */
import { mkdir } from 'node:fs/promises';
import { createApp } from './app';
import { CodeSets } from './codesets/code-sets';
import { ConfigError, readConfig } from './config';
import { createHttpServer } from './http-server';
import { titlesFromScenarios } from './grader/library-titles';
import { ScenarioLibrary } from './scenarios/library';
import { formatProblem } from './scenarios/problems';
import { AttemptStore } from './storage/attempts';
import { TraineeStore } from './storage/trainees';
import { loadOrCreateSecret } from './web/secret';

async function main(): Promise<void> {
  const config = readConfig();
  await mkdir(config.dataDir, { recursive: true });
  const logger = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

  const library = new ScenarioLibrary(config.scenariosDir, logger);
  await library.loadAll();
  for (const problem of library.problems()) console.warn(formatProblem(problem));
  library.watch();
  let titles = titlesFromScenarios(library.list());
  library.onChange(() => {
    titles = titlesFromScenarios(library.list());
  });

  const codeSets = await CodeSets.load(config.dataDir);
  for (const problem of codeSets.problems) console.warn(`code set index ${problem.file}: ${problem.message}`);

  const attempts = new AttemptStore(config.dataDir, { onError: logger.error });
  const app = createApp({
    scenarios: library,
    trainees: new TraineeStore(config.dataDir),
    attempts,
    secret: await loadOrCreateSecret(config.dataDir, config.sessionSecret),
    titles: () => titles,
    codeSets: () => codeSets,
    logger,
  });
  const server = createHttpServer(app);
  const cannotListen = (error: NodeJS.ErrnoException) => {
    console.error(`cannot listen on ${config.host}:${config.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`);
    process.exit(1);
  };
  server.once('error', cannotListen);
  server.listen(config.port, config.host, () => {
    server.off('error', cannotListen);
    // From now on an error here is a connection that could not be accepted (too many open
    // files, say): log it and keep serving the others.
    server.on('error', (error) => logger.error(`server: ${error.message}`));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const sets = codeSets.isEmpty ? 'no official code sets imported (npm run codesets -- import …)' : `code sets: ${codeSets.infos().map((i) => `${i.kind} ${i.version}`).join(', ')}`;
    console.log(`Handoff: ${library.list().length} scenario(s) from ${config.scenariosDir}; data in ${config.dataDir}; ${sets}`);
    console.log(`Listening on http://${config.host}:${port}`);
  });
  const stop = () => {
    library.close();
    // Full segments still being written are finished first (their journals are safe anyway).
    server.close(() => void attempts.settled().finally(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
