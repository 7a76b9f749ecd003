/**
 * Authoring, for trainers: the list of scenario files and drafts, the editor (a form
 * built by its script, and the file's YAML source, which works without one), live
 * validation, trying a draft as a trainee would (the workspace, and grading without
 * storing), and saving — all through the same operations as the JSON API. Trainees get 403.
 */
import { Router, type Request, type Response } from 'express';
import { AuthoringError } from '../authoring/errors';
import type { Authoring } from '../authoring/authoring';
import { isDraft } from '../authoring/paths';
import { SYSTEM_IDS } from '../codes/systems';
import { grade } from '../grader/grade';
import type { Submission } from '../grader/submission';
import { loadScenarioText } from '../scenarios/load-file';
import type { ScenarioModel } from '../scenarios/model';
import { parseSource } from '../scenarios/parse-source';
import { csrfProtection } from './csrf';
import type { AppDeps } from './deps';
import { requireTrainer, userOf } from './guards';
import { HttpError } from './http-error';
import { DIAGNOSIS_ROWS, parseSubmission, PROCEDURE_ROWS, submissionFromForm } from './submission-body';
import { attemptView } from './view-models/attempt';
import type { WorkspaceReports } from './workspace-report';

type Deps = Pick<AppDeps, 'scenarios' | 'codeSets' | 'titles' | 'glossary'> & {
  authoring?: Authoring;
  reports: WorkspaceReports;
};

/** Embeds data for the page's script: a JSON block the browser never runs (and `<` cannot close it). */
export const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function authorRoutes(deps: Deps): Router {
  const router = Router();
  const authoring = (): Authoring => {
    if (!deps.authoring) throw new HttpError(404, 'authoring is not available on this server');
    return deps.authoring;
  };
  const body = (req: Request) => {
    const b = req.body as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'send a JSON object');
    return b;
  };
  const text = (value: unknown, field = 'text'): string => {
    if (typeof value !== 'string') throw new HttpError(400, `${field}: the scenario's YAML as text`);
    return value;
  };
  /** A draft scenario from its text, ready to show and grade (or the problems that stop it). */
  const draftScenario = (source: string): ScenarioModel => {
    const loaded = loadScenarioText(source, 'draft.yaml', 'YAML');
    if (!loaded.scenario)
      throw new AuthoringError(
        422,
        'the draft has problems: fix them to try it',
        loaded.problems.map((p) => ({
          line: p.line,
          column: p.col,
          path: p.path,
          message: p.message,
          id: p.problem,
        })),
      );
    return loaded.scenario;
  };
  const gradeDraft = (scenario: ScenarioModel, submission: Submission) =>
    grade(scenario, submission, { titles: deps.titles?.(), codeSets: deps.codeSets?.() });

  const editor = async (
    res: Response,
    options: {
      mode: 'new' | 'edit';
      source: string;
      version?: string;
      id?: string;
      path?: string;
      draftPath?: string;
      folder?: string;
    },
  ) => {
    const parsed = parseSource(options.source, 'YAML');
    const model = parsed.ok && parsed.data && typeof parsed.data === 'object' ? parsed.data : null;
    const { folders } = await authoring().files();
    const codeSets = deps.codeSets?.();
    res.render('author-edit', {
      title: options.mode === 'new' ? 'New scenario' : `Edit ${options.id}`,
      nav: 'author',
      ...options,
      folders,
      data: jsonForScript({
        mode: options.mode,
        id: options.id ?? null,
        version: options.version ?? null,
        folder: options.folder ?? '',
        draftPath: options.draftPath ?? null,
        model,
        lookup: Boolean(codeSets && !codeSets.isEmpty),
        systems: SYSTEM_IDS,
      }),
      problems: authoring().validate(options.source, options.path ?? 'draft.yaml'),
      scripts: ['/static/combobox.js', '/static/author.js'],
    });
  };

  // Pages ------------------------------------------------------------------------------
  router.get('/author', requireTrainer, async (_req, res) => {
    const { drafts, folders } = await authoring().files();
    const byFolder = new Map<string, ScenarioModel[]>();
    for (const s of deps.scenarios.list()) {
      const folder = s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/')) : '';
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), s]);
    }
    res.render('author-list', {
      title: 'Authoring',
      nav: 'author',
      drafts,
      folders,
      groups: [...byFolder]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([folder, list]) => ({ folder, list: list.sort((a, b) => a.file.localeCompare(b.file)) })),
    });
  });

  router.get('/author/new', requireTrainer, async (req, res) => {
    await editor(res, {
      mode: 'new',
      source: '',
      folder: typeof req.query.folder === 'string' ? req.query.folder : '',
    });
  });

  router.get('/author/scenarios/:id', requireTrainer, async (req, res) => {
    const file = await authoring().read(String(req.params.id));
    await editor(res, {
      mode: 'edit',
      source: file.text,
      version: file.version,
      id: String(req.params.id),
      path: file.path,
    });
  });

  router.get('/author/draft', requireTrainer, async (req, res) => {
    const draft = await authoring().readDraft(typeof req.query.path === 'string' ? req.query.path : '');
    const parsed = parseSource(draft.text, 'YAML');
    const id = parsed.ok ? (parsed.data as { id?: unknown } | null)?.id : undefined;
    const existing = typeof id === 'string' ? deps.scenarios.get(id) : undefined;
    const current = existing ? await authoring().read(existing.id) : undefined;
    const folder = draft.path.includes('/') ? draft.path.slice(0, draft.path.lastIndexOf('/')) : '';
    await editor(res, {
      mode: existing ? 'edit' : 'new',
      source: draft.text,
      version: current?.version,
      id: existing?.id,
      path: current?.path,
      draftPath: draft.path,
      folder,
    });
  });

  router.post('/author/drafts/discard', requireTrainer, csrfProtection(), async (req, res) => {
    await authoring().discardDraft(text((req.body as Record<string, unknown>).path, 'path'));
    res.redirect(303, '/author');
  });

  // The YAML source, saved without any script: the form posts the text and its version.
  router.post('/author/source', requireTrainer, csrfProtection(), async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const source = text(b.text);
    const draft = b.draft === 'on' || b.action === 'draft';
    try {
      const saved =
        typeof b.id === 'string' && b.id !== ''
          ? await authoring().update(b.id, { text: source, version: b.version, draft })
          : await authoring().create(b.folder ?? '', { text: source, draft });
      if (saved.draft) return res.redirect(303, `/author/draft?path=${encodeURIComponent(saved.path)}`);
      res.redirect(303, `/author/scenarios/${saved.id}?saved=1`);
    } catch (error) {
      if (!(error instanceof AuthoringError) || (error.status !== 422 && error.status !== 409)) throw error;
      // The trainer's text comes back with the message: nothing they typed is lost.
      res.status(error.status);
      await editor(res, {
        mode: typeof b.id === 'string' && b.id !== '' ? 'edit' : 'new',
        source,
        version: typeof b.version === 'string' ? b.version : undefined,
        id: typeof b.id === 'string' && b.id !== '' ? b.id : undefined,
        path: typeof b.id === 'string' ? deps.scenarios.get(b.id)?.file : undefined,
        folder: typeof b.folder === 'string' ? b.folder : '',
      });
    }
  });

  // Try it: the workspace exactly as a trainee sees it, and the findings a submission would get.
  router.post('/author/try', requireTrainer, csrfProtection(), (req, res) => {
    const source = text((req.body as Record<string, unknown>).text);
    const scenario = draftScenario(source);
    res.render('workspace', {
      title: `Trying: ${scenario.title}`,
      scenario,
      principalLabel: scenario.setting === 'inpatient' ? 'Principal diagnosis' : 'First-listed diagnosis',
      procedureSystems: scenario.setting === 'inpatient' ? 'ICD-10-PCS' : 'CPT or HCPCS Level II',
      diagnosisRows: DIAGNOSIS_ROWS,
      procedureRows: PROCEDURE_ROWS,
      lookup: false,
      systemIds: { diagnoses: '', procedures: '' },
      action: '/author/try/grade',
      exam: undefined,
      values: { diagnoses: [], procedures: [] },
      trying: { text: source },
      reportHtml: deps.reports.html(scenario),
      scripts: ['/static/workspace.js', '/static/glossary.js'],
    });
  });

  router.post('/author/try/grade', requireTrainer, csrfProtection(), (req, res) => {
    const b = req.body as Record<string, unknown>;
    const scenario = draftScenario(text(b.text));
    const submission = parseSubmission(submissionFromForm(b), 'json');
    const result = gradeDraft(scenario, submission);
    const { file: _file, ...snapshot } = scenario;
    const view = attemptView(
      {
        attempt: {
          id: 'trial',
          userId: userOf(res.locals).id,
          scenarioId: scenario.id,
          submittedAt: new Date().toISOString(),
          submission,
          result,
        },
        scenario: snapshot,
        changed: false,
        current: undefined,
      },
      deps.codeSets?.(),
      deps.glossary,
    );
    res.render('attempt', {
      title: `Trial results: ${scenario.title}`,
      ...view,
      trial: true,
      scripts: ['/static/attempt.js', '/static/glossary.js'],
    });
  });

  // JSON API ---------------------------------------------------------------------------
  router.post('/api/author/validate', requireTrainer, csrfProtection(), (req, res) => {
    const b = body(req);
    if (b.format !== undefined && b.format !== 'yaml')
      throw new HttpError(400, 'format: only "yaml" is supported');
    res.json({ problems: authoring().validate(text(b.text)) });
  });

  /** The text a save would write (the form's values applied to the file) and its problems. */
  router.post('/api/author/preview', requireTrainer, csrfProtection(), async (req, res) => {
    const b = body(req);
    if (!b.scenario || typeof b.scenario !== 'object')
      throw new HttpError(400, "scenario: the scenario's fields");
    const base = typeof b.id === 'string' && b.id !== '' ? await authoring().read(b.id) : undefined;
    const source = authoring().render(b.scenario as Record<string, unknown>, base?.text);
    res.json({ text: source, problems: authoring().validate(source, base?.path) });
  });

  router.get('/api/author/scenarios/:id', requireTrainer, async (req, res) => {
    res.json(await authoring().read(String(req.params.id)));
  });

  router.put('/api/author/scenarios/:id', requireTrainer, csrfProtection(), async (req, res) => {
    const b = body(req);
    const saved = await authoring().update(String(req.params.id), {
      text: b.text,
      scenario: b.scenario,
      version: b.version,
      draft: b.draft,
    });
    res.json({
      id: saved.id,
      path: saved.path,
      version: saved.version,
      draft: saved.draft,
      problems: saved.problems,
    });
  });

  router.post('/api/author/scenarios', requireTrainer, csrfProtection(), async (req, res) => {
    const b = body(req);
    const saved = await authoring().create(b.folder ?? '', {
      text: b.text,
      scenario: b.scenario,
      draft: b.draft,
    });
    res.status(201).json({
      id: saved.id,
      path: saved.path,
      version: saved.version,
      draft: saved.draft,
      problems: saved.problems,
    });
  });

  router.get('/api/author/drafts', requireTrainer, async (req, res) => {
    const path = typeof req.query.path === 'string' ? req.query.path : '';
    if (!isDraft(path)) throw new HttpError(400, 'path: a draft file ends in .draft.yaml');
    res.json(await authoring().readDraft(path));
  });

  router.post('/api/author/grade', requireTrainer, csrfProtection(), (req, res) => {
    const b = body(req);
    const scenario = draftScenario(text(b.text));
    res.json(gradeDraft(scenario, parseSubmission(b.submission ?? {}, 'json')));
  });

  return router;
}
