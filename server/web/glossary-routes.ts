/** The glossary for everyone signed in: a searchable page and its JSON, each entry with the scenarios that use it. */
import { Router, type Response } from 'express';
import { BODY_SYSTEMS } from '../glossary/schema';
import type { ScenarioModel } from '../scenarios/model';
import type { AppDeps, GlossaryView } from './deps';
import { requireUser } from './guards';
import { HttpError } from './http-error';
import { firstLetter, MAX_RESULTS, searchEntries, usageIndex } from './view-models/glossary';

type Deps = Pick<AppDeps, 'scenarios'> & { glossary?: GlossaryView };

const MAX_QUERY = 100;

export function glossaryRoutes(deps: Deps): Router {
  const router = Router();
  let cached:
    { entries: unknown; scenarios: ScenarioModel[]; usage: Map<string, ScenarioModel[]> } | undefined;
  /** Which scenarios use each entry: rebuilt when the glossary or the library has changed. */
  const usage = () => {
    const glossary = deps.glossary;
    if (!glossary) return new Map<string, ScenarioModel[]>();
    const scenarios = deps.scenarios.list();
    const entries = glossary.entries();
    const same =
      cached &&
      cached.entries === entries &&
      cached.scenarios.length === scenarios.length &&
      cached.scenarios.every((s, i) => s === scenarios[i]);
    if (!same)
      cached = {
        entries,
        scenarios,
        usage: usageIndex(scenarios, (s) => glossary.findFor(s, s.report.text)),
      };
    return (cached as NonNullable<typeof cached>).usage;
  };
  const read = (query: Record<string, unknown>, res: Response) => {
    const q = typeof query.q === 'string' ? query.q.trim() : '';
    if (q.length > MAX_QUERY) throw new HttpError(400, `q: a search is at most ${MAX_QUERY} characters`);
    const system =
      typeof query.system === 'string' && (BODY_SYSTEMS as readonly string[]).includes(query.system)
        ? query.system
        : '';
    const all = deps.glossary?.entries() ?? [];
    const letter =
      typeof query.letter === 'string' && /^[A-Z#]$/.test(query.letter)
        ? query.letter
        : q === '' && system === ''
          ? 'A'
          : '';
    let entries = q !== '' ? searchEntries(all, q) : [...all];
    if (system) entries = entries.filter((e) => e.bodySystem === system);
    if (letter) entries = entries.filter((e) => firstLetter(e.term) === letter);
    const trainer = res.locals.auth.user?.role === 'trainer';
    const used = usage();
    return {
      q,
      system,
      letter,
      total: entries.length,
      entries: entries.slice(0, MAX_RESULTS).map((e) => ({
        ...e,
        scenarios: (used.get(e.id) ?? [])
          .filter((s) => trainer || s.visibility !== 'exam')
          .map((s) => ({ id: s.id, title: s.title })),
      })),
      size: all.length,
    };
  };

  router.get('/glossary', requireUser, (req, res) => {
    res.render('glossary', {
      title: 'Glossary',
      nav: 'glossary',
      ...read(req.query as Record<string, unknown>, res),
      letters: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '#'],
      systems: BODY_SYSTEMS,
      max: MAX_RESULTS,
    });
  });

  router.get('/api/glossary', requireUser, (req, res) => {
    const found = read({ letter: '', ...(req.query as Record<string, unknown>) }, res);
    res.json({
      total: found.total,
      entries: found.entries.map((e) => ({
        id: e.id,
        term: e.term,
        kind: e.kind,
        expansion: e.expansion,
        definition: e.definition,
        bodySystem: e.bodySystem,
        coding: e.coding,
        aliases: e.aliases ?? [],
        scenarios: e.scenarios,
      })),
    });
  });
  return router;
}
