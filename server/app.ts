/**
 * The app factory: builds the express app from its dependencies without opening a
 * port or touching the disk, so tests drive it with supertest.
 */
import express from 'express';
import type { ScenarioModel } from './scenarios/model';
import type { ScenarioProblem } from './scenarios/problems';
import { PUBLIC_DIR, VIEWS_DIR } from './paths';
import type { TitleLookup } from './grader/types';
import { catalogRoutes } from './web/catalog-routes';
import { gradeRoutes } from './web/grade-routes';
import { errorHandler, notFoundHandler, type ErrorLogger } from './web/errors';

export interface ScenarioSource {
  list(): ScenarioModel[];
  get(id: string): ScenarioModel | undefined;
  problems(): ScenarioProblem[];
}

export interface AppDeps {
  scenarios: ScenarioSource;
  /** Titles for submitted codes (official code sets, the library's own titles). */
  titles?: () => TitleLookup;
  logger?: ErrorLogger;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('query parser', 'simple');

  app.use('/static', express.static(PUBLIC_DIR, { index: false, fallthrough: true, maxAge: '1h' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', scenarios: deps.scenarios.list().length, problems: deps.scenarios.problems().length });
  });
  app.use(catalogRoutes(deps));
  app.use(gradeRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger ?? console));
  return app;
}
