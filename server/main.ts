/** Entry point: read configuration, load the scenarios and code sets, open the store, listen. */
import { Accounts } from './accounts/accounts';
import { passwordHasher } from './accounts/passwords';
import { createApp } from './app';
import { Authoring } from './authoring/authoring';
import { startExamSweeper } from './classroom/exam-sweeper';
import { Exams } from './classroom/exams';
import { CodeSets } from './codesets/code-sets';
import { ConfigError, readConfig } from './config';
import { Glossary } from './glossary/glossary';
import { titlesFromScenarios } from './grader/library-titles';
import { createHttpServer } from './http-server';
import { ScenarioLibrary } from './scenarios/library';
import { formatProblem } from './scenarios/problems';
import { ensureFolder } from './durable-file';
import { Practice } from './practice/practice';
import { openStore } from './store/open-store';
import { loadOrCreateSecret } from './web/secret';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = {
    info: (m: string) => console.log(m),
    warn: (m: string) => console.warn(m),
    error: (m: string) => console.error(m),
  };
  await ensureFolder(config.dataDir);

  const library = new ScenarioLibrary(config.scenariosDir, logger);
  await library.loadAll();
  for (const problem of library.problems()) console.warn(formatProblem(problem));
  library.watch();
  let titles = titlesFromScenarios(library.list());
  library.onChange(() => {
    titles = titlesFromScenarios(library.list());
  });

  const glossary = Glossary.forScenarios(config.scenariosDir, logger);
  await glossary.refresh();
  for (const problem of glossary.problems()) console.warn(formatProblem(problem));
  glossary.watch();

  const codeSets = await CodeSets.load(config.dataDir);
  for (const problem of codeSets.problems) console.warn(`code set index ${problem.file}: ${problem.message}`);

  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    logger,
  });
  for (const problem of (await store.health()).problems) console.warn(`storage: ${problem.message}`);
  if (config.databaseUrl && !config.sessionSecret)
    console.warn(
      'SESSION_SECRET is not set: cookies are signed with a key kept in DATA_DIR, so a second server needs the same file (or set SESSION_SECRET on both)',
    );
  const accounts = new Accounts(store, passwordHasher, {
    sessionIdleMs: config.sessionIdleHours * 3600_000,
    logger,
  });
  const exams = new Exams(
    store,
    library,
    new Practice(store),
    () => new Date(),
    () => ({
      titles,
      codeSets,
    }),
  );
  const sweeper = startExamSweeper(exams, logger);
  const app = createApp({
    scenarios: library,
    store,
    accounts,
    secret: await loadOrCreateSecret(config.dataDir, config.sessionSecret),
    titles: () => titles,
    codeSets: () => codeSets,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    limits: {
      submissionsPerMinute: config.submissionsPerMinute,
      submissionsPerMinutePerAddress: config.submissionsPerMinute * 10,
    },
    logger,
    exams,
    glossary,
    authoring: new Authoring(library, () => codeSets),
  });
  const server = createHttpServer(app);
  const cannotListen = (error: NodeJS.ErrnoException) => {
    console.error(
      `cannot listen on ${config.host}:${config.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`,
    );
    process.exit(1);
  };
  server.once('error', cannotListen);
  server.listen(config.port, config.host, async () => {
    server.off('error', cannotListen);
    // From now on an error here is a connection that could not be accepted (too many open
    // files, say): log it and keep serving the others.
    server.on('error', (error) => logger.error(`server: ${error.message}`));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const sets = codeSets.isEmpty
      ? 'no official code sets imported (npm run codesets -- import …)'
      : `code sets: ${codeSets
          .infos()
          .map((i) => `${i.kind} ${i.version}`)
          .join(', ')}`;
    const where = config.databaseUrl ? 'data in PostgreSQL' : `data in ${config.dataDir}`;
    console.log(
      `Handoff: ${library.list().length} scenario(s) from ${config.scenariosDir}; ${where}; ${sets}`,
    );
    console.log(`Listening on http://${config.host}:${port}`);
    if (await accounts.needsSetup())
      console.log(
        `No account yet: open http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/setup to create the first trainer.`,
      );
  });
  const stop = () => {
    sweeper.stop();
    library.close();
    glossary.close();
    server.close(
      () =>
        void accounts
          .settled()
          .then(() => store.close())
          .finally(() => process.exit(0)),
    );
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
