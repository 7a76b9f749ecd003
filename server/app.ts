/**
 * The app factory: builds the express app from its dependencies without opening a port
 * or touching the disk itself, so tests drive it with supertest.
 */
import cookieParser from 'cookie-parser';
import ejs from 'ejs';
import express from 'express';
import helmet from 'helmet';
import { PUBLIC_DIR, VIEWS_DIR } from './paths';
import { AssignmentService } from './classroom/assignment-service';
import { Exams } from './classroom/exams';
import { Practice } from './practice/practice';
import { accountRoutes } from './web/account-routes';
import { assignmentRoutes } from './web/assignment-routes';
import { authorRoutes } from './web/author-routes';
import { attemptRoutes } from './web/attempt-routes';
import { authMiddleware } from './web/auth';
import { catalogRoutes } from './web/catalog-routes';
import { codeRoutes } from './web/code-routes';
import { cohortRoutes } from './web/cohort-routes';
import type { AppDeps, LockedScenarios } from './web/deps';
import { errorHandler, notFoundHandler } from './web/errors';
import { examRoutes } from './web/exam-routes';
import { firstRun } from './web/first-run';
import { glossaryRoutes } from './web/glossary-routes';
import { progressRoutes } from './web/progress-routes';
import { DEFAULT_RATE_LIMITS } from './web/rate-limits';
import { BODY_LIMIT } from './web/submission-body';
import { WorkspaceReports } from './web/workspace-report';
import { workspaceRoutes } from './web/workspace-routes';

export type { AppDeps } from './web/deps';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  // Includes are written from the views root ('/partials/head'): ejs resolves those against
  // `root` without a file-system check, where relative ones cost an existsSync per render.
  app.engine('ejs', (file, data, done) =>
    ejs.renderFile(file, data as Record<string, unknown>, { root: VIEWS_DIR, cache: true }, done),
  );
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', true);
  app.set('query parser', 'simple');
  // Pages and API answers are made per user and per request: an ETag saves nothing.
  app.set('etag', false);

  const clock = deps.clock ?? (() => new Date());
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.limits };
  const secureCookies = deps.secureCookies ?? 'auto';
  const practice = new Practice(deps.store, clock);
  const exams =
    deps.exams ??
    new Exams(deps.store, deps.scenarios, practice, clock, () => ({
      titles: deps.titles?.(),
      codeSets: deps.codeSets?.(),
    }));
  const assignments = new AssignmentService(deps.store, deps.scenarios, exams, clock);
  // A trainee's scenarios in an exam under way: no practice on them, no answer keys shown.
  const locked: LockedScenarios = (auth) =>
    auth.user ? exams.lockedScenarios(auth.user.id, auth.openExams) : Promise.resolve(new Set());
  const reports = new WorkspaceReports(deps.glossary);

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
      strictTransportSecurity: secureCookies === true,
    }),
  );
  app.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));
  app.get('/healthz', async (_req, res) => {
    const storage = await deps.store.health();
    // The process is up (200) whatever the data says; a damaged or unreachable store is named.
    res.set('Cache-Control', 'no-store').json({
      status: 'ok',
      scenarios: deps.scenarios.list().length,
      problems: deps.scenarios.problems().length,
      storage: storage.status,
      storageProblems: storage.problems,
    });
  });

  // Everything below carries someone's data: never kept by a browser or a proxy.
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser(deps.secret));
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 500 }));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(authMiddleware({ accounts: deps.accounts, secret: deps.secret, secureCookies }));
  app.use(firstRun(deps.accounts));

  app.use(
    accountRoutes({ accounts: deps.accounts, store: deps.store, secret: deps.secret, secureCookies, limits }),
  );
  app.use(catalogRoutes({ scenarios: deps.scenarios, store: deps.store, assignments }));
  app.use(
    workspaceRoutes({
      scenarios: deps.scenarios,
      store: deps.store,
      titles: deps.titles,
      codeSets: deps.codeSets,
      practice,
      reports,
      limits,
      locked,
    }),
  );
  app.use(
    attemptRoutes({
      scenarios: deps.scenarios,
      store: deps.store,
      codeSets: deps.codeSets,
      glossary: deps.glossary,
      practice,
      locked,
    }),
  );
  app.use(progressRoutes({ scenarios: deps.scenarios, store: deps.store, assignments }));
  app.use(codeRoutes({ codeSets: deps.codeSets }));
  app.use(glossaryRoutes({ scenarios: deps.scenarios, glossary: deps.glossary }));
  app.use(
    authorRoutes({
      scenarios: deps.scenarios,
      codeSets: deps.codeSets,
      titles: deps.titles,
      glossary: deps.glossary,
      authoring: deps.authoring,
      reports,
    }),
  );
  app.use(
    cohortRoutes({
      scenarios: deps.scenarios,
      store: deps.store,
      accounts: deps.accounts,
      codeSets: deps.codeSets,
      glossary: deps.glossary,
      practice,
      clock,
    }),
  );
  app.use(assignmentRoutes({ scenarios: deps.scenarios, assignments, exams, clock }));
  app.use(
    examRoutes({
      scenarios: deps.scenarios,
      store: deps.store,
      codeSets: deps.codeSets,
      glossary: deps.glossary,
      exams,
      practice,
      limits,
      clock,
      reports,
    }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger ?? console));
  return app;
}
