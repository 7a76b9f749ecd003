import type { GlossaryView } from '../../server/web/deps';
import { WorkspaceReports } from '../../server/web/workspace-report';
import { bundledGlossary, bundledLibrary } from '../helpers/library';

const ANKLE = 'ed-ankle-fracture-ladder';

/** The bundled glossary, counting the reports it is asked to mark and able to announce a change. */
async function watchedGlossary() {
  const glossary = await bundledGlossary();
  const listeners: Array<() => void> = [];
  let marked = 0;
  const view: GlossaryView = {
    entries: () => glossary.entries(),
    get: (id) => glossary.get(id),
    problems: () => glossary.problems(),
    findFor: (owner, text) => {
      marked++;
      return glossary.findFor(owner, text);
    },
    onChange: (listener) => {
      listeners.push(listener);
      return () => undefined;
    },
  };
  return { view, marked: () => marked, change: () => listeners.forEach((l) => l()) };
}

describe('WorkspaceReports', () => {
  it('renders the report escaped, with its terms linked to notes below it', async () => {
    const scenario = (await bundledLibrary()).get(ANKLE)!;
    const { view } = await watchedGlossary();
    const html = new WorkspaceReports(view).html({
      ...scenario,
      report: { ...scenario.report, text: `${scenario.report.text}\n<b>ORIF</b> & more` },
    });
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toMatch(/<a class="term" href="#(gl-[a-z0-9-]+)" data-term="\1">ORIF<\/a>/);
    expect(html).toContain('Terms in this report');
  });

  it('marks a scenario once, again for an edited scenario, and again after the glossary changes', async () => {
    const scenario = (await bundledLibrary()).get(ANKLE)!;
    const { view, marked, change } = await watchedGlossary();
    const reports = new WorkspaceReports(view);
    const first = reports.html(scenario);
    expect(reports.html(scenario)).toBe(first);
    expect(marked()).toBe(1);
    const edited = { ...scenario, report: { ...scenario.report, text: 'Seen again today; ORIF next week.' } };
    expect(reports.html(edited)).toContain('Seen again today; ');
    expect(marked()).toBe(2);
    change();
    expect(reports.html(scenario)).toBe(first);
    expect(marked()).toBe(3);
  });

  it('shows the plain report when there is no glossary', async () => {
    const scenario = (await bundledLibrary()).get(ANKLE)!;
    const html = new WorkspaceReports(undefined).html(scenario);
    expect(html).not.toContain('class="term"');
    expect(html).toContain(scenario.report.dateOfService);
  });
});
