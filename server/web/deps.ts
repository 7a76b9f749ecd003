/**
 * What the web layer is built from. The composition root (app.ts) receives these; each
 * router is given only the parts it uses (its own Pick of AppDeps).
 */
import type { Accounts } from '../accounts/accounts';
import type { Authoring } from '../authoring/authoring';
import type { Exams } from '../classroom/exams';
import type { CodeSets } from '../codesets/code-sets';
import type { Glossary } from '../glossary/glossary';
import type { TitleLookup } from '../grader/types';
import type { ScenarioModel } from '../scenarios/model';
import type { ScenarioProblem } from '../scenarios/problems';
import type { Store } from '../store/store';
import type { Auth } from './auth';
import type { ErrorLogger } from './errors';
import type { RateLimits } from './rate-limits';

export interface ScenarioSource {
  list(): ScenarioModel[];
  get(id: string): ScenarioModel | undefined;
  problems(): ScenarioProblem[];
}

export interface AppDeps {
  scenarios: ScenarioSource;
  store: Store;
  accounts: Accounts;
  /** Signs the cookies. */
  secret: string;
  /** Titles for submitted codes that the library knows. */
  titles?: () => TitleLookup;
  /** The imported official code sets (the getter lets a re-import swap them). */
  codeSets?: () => CodeSets;
  /** Mark cookies Secure: always, never, or when the request came over HTTPS ('auto'). */
  secureCookies?: boolean | 'auto';
  /** Express's `trust proxy` setting, for a server behind a reverse proxy. */
  trustProxy?: boolean | number | string;
  /** The server's clock: exams and sessions are timed by it. */
  clock?: () => Date;
  logger?: ErrorLogger;
  /** Scenario authoring in the browser (trainers): reads and writes files in the scenarios folder. */
  authoring?: Authoring;
  /** The medical-terminology glossary: terms are marked in reports and listed at /glossary. */
  glossary?: GlossaryView;
  /** The exams (main.ts makes them, to run the sweeper that ends overdue ones); made here if absent. */
  exams?: Exams;
  limits?: Partial<RateLimits>;
}

export type Clock = () => Date;

export type GlossaryView = Pick<Glossary, 'entries' | 'get' | 'findFor' | 'problems' | 'onChange'>;

/**
 * The scenarios the signed-in user may not practise or see the keys of now (those of an
 * exam they are taking), from the exams read with their session when there are some.
 */
export type LockedScenarios = (auth: Auth) => Promise<ReadonlySet<string>>;
