/**
 * The report as the workspace shows it, rendered once per scenario and kept until the
 * scenario or the glossary changes. Every trainee sees the same report there (no evidence
 * is marked before grading), and cutting a report into its glossary terms and escaping
 * each piece through the template cost more than all the rest of the page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { VIEWS_DIR } from '../paths';
import type { ScenarioModel } from '../scenarios/model';
import type { GlossaryView } from './deps';
import { reportWithTerms } from './view-models/report';

type Template = ReturnType<typeof ejs.compile>;

export class WorkspaceReports {
  private kept = new WeakMap<ScenarioModel, string>();
  private template?: Template;

  constructor(private readonly glossary: GlossaryView | undefined) {
    // A new glossary can mark other terms in every report.
    glossary?.onChange(() => {
      this.kept = new WeakMap();
    });
  }

  /** The report partial's HTML (escaped by the template) for this scenario. */
  html(scenario: ScenarioModel): string {
    let html = this.kept.get(scenario);
    if (html === undefined) {
      const { runs, notes } = reportWithTerms(scenario, scenario.report.text, [], this.glossary);
      html = this.compiled()({ scenario, runs, notes });
      this.kept.set(scenario, html);
    }
    return html;
  }

  private compiled(): Template {
    const filename = path.join(VIEWS_DIR, 'partials', 'report.ejs');
    this.template ??= ejs.compile(readFileSync(filename, 'utf8'), { filename, root: VIEWS_DIR });
    return this.template;
  }
}
