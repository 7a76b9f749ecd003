/** The encoder: search the official code sets and read a code in its place in the tabular list. */
import { Router } from 'express';
import type { AppDeps } from './deps';
import { requireUser } from './guards';
import { codeDetail } from './view-models/code-detail';
import { describeDates } from '../codesets/types';
import { CODE_SYSTEMS, SYSTEM_IDS, type CodeSystem } from '../codes/systems';
import { HttpError, notFound } from './http-error';

const SYSTEM_BY_ID = new Map(CODE_SYSTEMS.map((s) => [SYSTEM_IDS[s], s] as const));

function systemFrom(id: unknown, required: boolean): CodeSystem | undefined {
  if ((id === undefined || id === '') && !required) return undefined;
  const system = typeof id === 'string' ? SYSTEM_BY_ID.get(id) : undefined;
  if (!system) throw new HttpError(400, `system must be one of ${[...SYSTEM_BY_ID.keys()].join(', ')}`);
  return system;
}

function limitFrom(value: unknown): number {
  if (value === undefined || value === '') return 10;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw new HttpError(400, 'limit must be a whole number from 1 to 50');
  return limit;
}

export function codeRoutes(deps: Pick<AppDeps, 'codeSets'>): Router {
  const router = Router();
  router.use(['/codes', '/api/codes'], requireUser);
  const sets = () => deps.codeSets?.();
  const loaded = () =>
    (sets()?.infos() ?? []).map((i) => ({
      kind: i.kind,
      version: i.version,
      dates: describeDates(i),
      count: i.count,
      billable: i.billableCount,
      source: i.source.member ?? i.source.file,
    }));

  router.get('/api/codes/search', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const system = systemFrom(req.query.system, false);
    const limit = limitFrom(req.query.limit);
    const date =
      typeof req.query.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.date)
        ? req.query.date
        : undefined;
    const results = (sets()?.search(q, { system, limit, date }) ?? []).map((hit) => ({
      ...hit,
      system: SYSTEM_IDS[hit.system],
      systemName: hit.system,
    }));
    res.json({ query: q, results, codeSets: loaded() });
  });

  router.get('/api/codes/:system/:code', (req, res) => {
    const system = systemFrom(req.params.system, true) as CodeSystem;
    const codeSets = sets();
    if (!codeSets || codeSets.setsOf(system).length === 0)
      throw new HttpError(404, `no ${system} code set is imported; see npm run codesets`);
    const detail = codeDetail(codeSets, system, String(req.params.code).slice(0, 12));
    if (!detail) throw notFound(`${system} code ${req.params.code}`);
    res.json(detail);
  });

  router.get('/codes', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const system = systemFrom(req.query.system, false);
    const results = q
      ? (sets()?.search(q, { system, limit: 50 }) ?? []).map((h) => ({
          ...h,
          systemId: SYSTEM_IDS[h.system],
        }))
      : [];
    res.render('codes', {
      title: 'Code look-up',
      nav: 'codes',
      q,
      system: system ? SYSTEM_IDS[system] : '',
      results,
      loaded: loaded(),
      problems: sets()?.problems ?? [],
      systems: [...SYSTEM_BY_ID.keys()],
    });
  });

  router.get('/codes/:system/:code', (req, res) => {
    const system = systemFrom(req.params.system, true) as CodeSystem;
    const codeSets = sets();
    const detail = codeSets ? codeDetail(codeSets, system, String(req.params.code).slice(0, 12)) : undefined;
    if (!detail) throw notFound(`${system} code ${req.params.code}`);
    res.render('code', { title: `${detail.code} ${detail.title}`, nav: 'codes', detail });
  });
  return router;
}
