/** Entry point: read configuration, load the scenarios, open storage, listen. */
import { mkdir } from 'node:fs/promises';
import { createApp } from './app';
import { titlesFromScenarios } from './grader/library-titles';
import { ConfigError, readConfig } from './config';
import { ScenarioLibrary } from './scenarios/library';
import { formatProblem } from './scenarios/problems';

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

  const app = createApp({ scenarios: library, titles: () => titles, logger });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Handoff: ${library.list().length} scenario(s) from ${config.scenariosDir}; data in ${config.dataDir}`);
    console.log(`Listening on http://${config.host}:${port}`);
  });
  const stop = () => {
    library.close();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
