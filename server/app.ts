/**
 * The app factory: builds the express app from its dependencies without opening a port
 * or touching the disk itself, so tests drive it with supertest.
 */
import cookieParser from 'cookie-parser';
import ejs from 'ejs';
import express from 'express';
import helmet from 'helmet';
import type { CodeSets } from './codesets/code-sets';
import type { TitleLookup } from './grader/types';
import { PUBLIC_DIR, VIEWS_DIR } from './paths';
import type { ScenarioModel } from './scenarios/model';
import type { ScenarioProblem } from './scenarios/problems';
import type { AttemptStore } from './storage/attempts';
import type { TraineeStore } from './storage/trainees';
import { attemptRoutes } from './web/attempt-routes';
import { catalogRoutes } from './web/catalog-routes';
import { codeRoutes } from './web/code-routes';
import { errorHandler, notFoundHandler, type ErrorLogger } from './web/errors';
import { gradeRoutes, JSON_BODY_LIMIT } from './web/grade-routes';
import { progressRoutes } from './web/progress-routes';
import { sessionMiddleware } from './web/session';
import { traineeRoutes } from './web/trainee-routes';
import { workspaceRoutes } from './web/workspace-routes';

export interface ScenarioSource {
  list(): ScenarioModel[];
  get(id: string): ScenarioModel | undefined;
  problems(): ScenarioProblem[];
}

export interface AppDeps {
  scenarios: ScenarioSource;
  trainees: TraineeStore;
  attempts: AttemptStore;
  /** Signs the session cookie. */
  secret: string;
  /** Titles for submitted codes that the library knows. */
  titles?: () => TitleLookup;
  /** The imported official code sets (the getter lets a re-import swap them). */
  codeSets?: () => CodeSets;
  /** Mark cookies Secure (when served over HTTPS). */
  secureCookies?: boolean;
  logger?: ErrorLogger;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Includes are written from the views root ('/partials/head'): ejs resolves those against
  // `root` without a file-system check, where relative ones cost an existsSync per render.
  app.engine('ejs', (file, data, done) => ejs.renderFile(file, data as Record<string, unknown>, { root: VIEWS_DIR, cache: true }, done));
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', true);
  app.set('query parser', 'simple');
  // Pages and API answers are made per trainee and per request: hashing each body for an
  // ETag costs time on every response and saves nothing (static files keep theirs).
  app.set('etag', false);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      strictTransportSecurity: deps.secureCookies ?? false,
    }),
  );
  app.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', scenarios: deps.scenarios.list().length, problems: deps.scenarios.problems().length });
  });

  app.use(cookieParser(deps.secret));
  app.use(express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT, parameterLimit: 200 }));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(sessionMiddleware({ secret: deps.secret, trainees: deps.trainees, secureCookies: deps.secureCookies ?? false }));

  app.use(catalogRoutes(deps));
  app.use(traineeRoutes(deps));
  app.use(workspaceRoutes(deps));
  app.use(attemptRoutes(deps));
  app.use(progressRoutes(deps));
  app.use(codeRoutes(deps));
  app.use(gradeRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger ?? console));
  return app;
}
