/** The glossary on the real app: the page and its API, and terms marked in reports with their notes. */
import request from 'supertest';
import type { GlossaryEntry } from '../../server/glossary/glossary';
import { bundledGlossary } from '../helpers/library';
import { makeTestApp, signedInAgent, type Agent, type TestApp } from '../helpers/app';

const ANKLE = 'ed-ankle-fracture-ladder';
const HIDDEN = 'exam-im-painful-diabetic-neuropathy-hfpef-obesity';

describe('glossary', () => {
  let t: TestApp;
  let trainee: { agent: Agent; csrf: string };
  let trainer: { agent: Agent; csrf: string };
  beforeAll(async () => {
    t = await makeTestApp();
    trainee = await signedInAgent(t, 'Ana Ruiz', 'trainee');
    trainer = await signedInAgent(t, 'Dana Whitfield', 'trainer');
  });
  afterAll(() => t.cleanup());

  it('is for signed-in users', async () => {
    expect((await request(t.app).get('/glossary')).status).toBe(303);
    expect((await request(t.app).get('/api/glossary')).status).toBe(401);
  });

  it('finds an entry by its abbreviation, with the scenarios whose reports use it', async () => {
    const res = await trainee.agent.get('/api/glossary?q=ORIF');
    expect(res.status).toBe(200);
    const orif = res.body.entries[0];
    expect(orif).toMatchObject({
      term: 'ORIF',
      kind: 'abbreviation',
      expansion: expect.stringMatching(/open reduction/i),
    });
    const glossary = await bundledGlossary();
    const users = t.deps.scenarios
      .list()
      .filter(
        (s) => s.visibility !== 'exam' && glossary.find(s.report.text).some((m) => m.entryId === orif.id),
      )
      .map((s) => s.id)
      .sort();
    expect(users.length).toBeGreaterThan(0);
    expect(orif.scenarios.map((s: { id: string }) => s.id).sort()).toEqual(users);
  });

  it('names exam-only scenarios to trainers only', async () => {
    const glossary = await bundledGlossary();
    const hidden = t.deps.scenarios.get(HIDDEN);
    const used = glossary.get(glossary.find(hidden?.report.text ?? '')[0].entryId) as GlossaryEntry;
    const ids = async (agent: Agent) =>
      (
        (await agent.get(`/api/glossary?q=${encodeURIComponent(used.term)}`)).body.entries as Array<{
          id: string;
          scenarios: Array<{ id: string }>;
        }>
      )
        .find((e) => e.id === used.id)
        ?.scenarios.map((s) => s.id);
    expect(await ids(trainer.agent)).toContain(HIDDEN);
    expect(await ids(trainee.agent)).not.toContain(HIDDEN);
  });

  it.each([
    ['a search', '/glossary?q=stenosis', 'stenosis'],
    ['a letter', '/glossary?letter=O', 'ORIF'],
    ['a body system', '/glossary?system=anesthesia', 'ASA physical status'],
    ['the first letter by default', '/glossary', 'A'],
  ])('lists entries by %s on the page', async (_what, url, shown) => {
    const res = await trainee.agent.get(url);
    expect(res.status).toBe(200);
    const terms = [...res.text.matchAll(/<dt><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(terms.length).toBeGreaterThan(0);
    if (shown.length === 1) expect(terms.every((term) => term.toUpperCase().startsWith(shown))).toBe(true);
    else expect(terms.map((term) => term.toLowerCase())).toContain(shown.toLowerCase());
  });

  it('refuses a search longer than a term could be', async () => {
    expect((await trainee.agent.get(`/api/glossary?q=${'a'.repeat(101)}`)).status).toBe(400);
  });

  it('marks terms in the workspace report, each a link to its note below the report (no script needed)', async () => {
    const page = (await trainee.agent.get(`/scenarios/${ANKLE}`)).text;
    const links = [...page.matchAll(/<a class="term" href="#(gl-[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    expect(new Set(links).size).toBe(links.length);
    for (const id of links) expect(page).toContain(`<div class="glossary-note" id="${id}"`);
    expect(page).toContain('Terms in this report');
    // The report text, tags aside, is the report as written.
    const text = /<div class="report-text"[^>]*>([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
    const decoded = text
      .replace(/<[^>]+>/g, '')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(decoded).toBe(t.deps.scenarios.get(ANKLE)?.report.text);
  });

  it('marks terms on the results page too, inside the evidence marks', async () => {
    const res = await trainee.agent
      .post(`/api/scenarios/${ANKLE}/attempts`)
      .set('X-CSRF-Token', trainee.csrf)
      .send({ diagnoses: ['S82.61XA'] });
    const page = (await trainee.agent.get(`/attempts/${res.body.attemptId}`)).text;
    expect(page).toMatch(/<mark class="evidence [^"]*"[^>]*>[^<]*<a class="term"/);
    expect(page).toContain('Terms in this report');
  });
});
