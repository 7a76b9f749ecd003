/* The scenario editor: a form over the scenario's fields (header, report, answer-key lines
   with code suggestions, evidence taken from a selection in the report, wrong answers),
   checked by the server as the trainer types, with each problem shown beside its field;
   Try it opens the draft as a trainee sees it; Save writes the file (or a draft). Every
   text is set with textContent: nothing typed is ever read as HTML. Without this script
   the page offers the file's YAML source, which saves the same way. */
(function () {
  'use strict';
  var dataEl = document.getElementById('author-data');
  var app = document.getElementById('author-app');
  if (!dataEl || !app) return;
  var data = JSON.parse(dataEl.textContent);
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var source = document.getElementById('author-source');
  if (source) source.hidden = true;
  app.hidden = false;

  var state = {
    mode: data.mode,
    id: data.id,
    version: data.version,
    folder: data.folder || '',
    text: '',
    problems: [],
  };
  var model =
    data.model && typeof data.model === 'object'
      ? data.model
      : {
          id: '',
          title: '',
          setting: 'outpatient',
          encounter: '',
          specialty: '',
          difficulty: 2,
          report: { type: '', dictatedBy: '', transcribedBy: '', dateOfService: '', text: '' },
          answerKey: { diagnoses: [], procedures: [], distractors: [] },
        };
  model.report = model.report || {};
  model.answerKey = model.answerKey || {};
  ['diagnoses', 'procedures', 'distractors'].forEach(function (k) {
    if (!Array.isArray(model.answerKey[k])) model.answerKey[k] = [];
  });

  var counter = 0;
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false)
        node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(c);
    });
    return node;
  }
  function pathKey(path) {
    return path
      .map(function (p, i) {
        return typeof p === 'number' ? '[' + p + ']' : (i === 0 ? '' : '.') + p;
      })
      .join('');
  }
  function getIn(path) {
    var v = model;
    for (var i = 0; i < path.length && v !== undefined && v !== null; i++) v = v[path[i]];
    return v;
  }
  function setIn(path, value, keepAbsentWhen) {
    var parent = getIn(path.slice(0, -1));
    var key = path[path.length - 1];
    if (!parent) return;
    // A field left empty (or at its default) stays out of the file, unless the file had it.
    if (keepAbsentWhen !== undefined && value === keepAbsentWhen && !(key in parent)) return;
    if (value === undefined) delete parent[key];
    else parent[key] = value;
  }

  /* Fields ------------------------------------------------------------------------------ */
  function field(label, path, options) {
    options = options || {};
    var id = 'af-' + ++counter;
    var msg = el('span', { class: 'field-problem', id: id + '-problem', 'aria-live': 'polite' });
    var value = getIn(path);
    var input;
    if (options.choices) {
      input = el('select', { id: id });
      options.choices.forEach(function (c) {
        var o = el('option', { value: String(c[0]), text: c[1] });
        if (String(value) === String(c[0])) o.selected = true;
        input.appendChild(o);
      });
    } else if (options.multiline) {
      input = el('textarea', {
        id: id,
        rows: options.rows || 3,
        spellcheck: options.spellcheck === false ? 'false' : null,
      });
      input.value = value === undefined || value === null ? '' : String(value);
    } else if (options.checkbox) {
      input = el('input', { id: id, type: 'checkbox' });
      input.checked = value === true;
    } else {
      input = el('input', { id: id, type: options.type || 'text', autocomplete: 'off' });
      var shown = options.toText ? options.toText(value) : value;
      input.value = shown === undefined || shown === null ? '' : String(shown);
    }
    input.setAttribute('aria-describedby', id + '-problem' + (options.help ? ' ' + id + '-help' : ''));
    if (options.className) input.className = options.className;
    var update = function () {
      var raw = options.checkbox ? input.checked : input.value;
      var parsed = options.parse ? options.parse(raw) : raw;
      setIn(path, parsed, options.absentWhen);
      if (options.onChange) options.onChange(parsed, input);
      changed();
    };
    input.addEventListener(options.checkbox || options.choices ? 'change' : 'input', update);
    var wrap = el(
      'div',
      { class: 'author-field' + (options.checkbox ? ' author-check' : ''), 'data-path': pathKey(path) },
      [
        options.checkbox ? input : null,
        el('label', { for: id, text: label }),
        options.help ? el('span', { class: 'help', id: id + '-help', text: options.help }) : null,
        options.checkbox ? null : input,
        msg,
      ],
    );
    return { wrap: wrap, input: input };
  }
  var optionalText = function (v) {
    return v.trim() === '' ? undefined : v;
  };
  /* A list typed with commas; an empty one is left out of the file. */
  var list = function (v) {
    var items = v
      .split(/[,;\n]+/)
      .map(function (s) {
        return s.trim();
      })
      .filter(Boolean);
    return items.length > 0 ? items : undefined;
  };
  var joined = function (v) {
    return Array.isArray(v) ? v.join(', ') : '';
  };

  /* Report and evidence --------------------------------------------------------------- */
  function quotePattern(quote) {
    var escaped = quote.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(escaped.replace(/\s+/g, '\\s+'), 'i');
  }
  function findQuote(quote) {
    if (!quote || !quote.trim()) return null;
    var m = quotePattern(quote).exec(model.report.text || '');
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  }
  var highlight = el('div', {
    class: 'report-text author-highlight',
    id: 'author-highlight',
    tabindex: '0',
    'aria-label': 'The report with the evidence highlighted',
  });
  function renderHighlight() {
    var text = model.report.text || '';
    var spans = [];
    ['diagnoses', 'procedures'].forEach(function (k) {
      model.answerKey[k].forEach(function (line) {
        (line.evidence || []).forEach(function (q) {
          var s = findQuote(q);
          if (s) spans.push(s);
        });
      });
    });
    spans.sort(function (a, b) {
      return a.start - b.start;
    });
    highlight.textContent = '';
    var at = 0;
    spans.forEach(function (s) {
      if (s.start < at) s.start = at;
      if (s.end <= s.start) return;
      highlight.appendChild(document.createTextNode(text.slice(at, s.start)));
      highlight.appendChild(el('mark', { class: 'evidence', text: text.slice(s.start, s.end) }));
      at = s.end;
    });
    highlight.appendChild(document.createTextNode(text.slice(at)));
    document.querySelectorAll('.evidence-item').forEach(function (item) {
      var found = findQuote(item.getAttribute('data-quote')) !== null;
      item.classList.toggle('evidence-missing', !found);
      item.querySelector('.evidence-state').textContent = found ? '' : ' — not in the report any more';
    });
  }
  var reportInput;

  function evidenceBlock(path) {
    var listEl = el('ul', { class: 'evidence-list' });
    var box = el('div', { class: 'author-field evidence-field', 'data-path': pathKey(path) });
    var msg = el('span', { class: 'field-problem', 'aria-live': 'polite' });
    function draw() {
      listEl.textContent = '';
      var quotes = getIn(path) || [];
      quotes.forEach(function (q, i) {
        var remove = el('button', {
          type: 'button',
          class: 'link-button',
          text: 'Remove',
          'aria-label': 'Remove quote ' + (i + 1),
        });
        remove.addEventListener('click', function () {
          quotes.splice(i, 1);
          draw();
          changed();
          addSelected.focus();
        });
        listEl.appendChild(
          el('li', { class: 'evidence-item', 'data-quote': q, 'data-path': pathKey(path.concat([i])) }, [
            el('q', { text: q }),
            el('span', { class: 'evidence-state' }),
            document.createTextNode(' '),
            remove,
            el('span', { class: 'field-problem', 'aria-live': 'polite' }),
          ]),
        );
      });
      renderHighlight();
    }
    function add(quote) {
      if (!quote || !quote.trim()) return false;
      var quotes = getIn(path);
      if (!Array.isArray(quotes)) {
        setIn(path, []);
        quotes = getIn(path);
      }
      quotes.push(quote.trim());
      draw();
      changed();
      return true;
    }
    var addSelected = el('button', { type: 'button', text: 'Add the text selected in the report' });
    addSelected.addEventListener('click', function () {
      var start = reportInput.selectionStart;
      var end = reportInput.selectionEnd;
      if (!add(reportInput.value.slice(start, end))) {
        msg.textContent =
          'Select the supporting words in the report text first (with the mouse, or Shift and the arrow keys).';
        reportInput.focus();
      } else msg.textContent = '';
    });
    var typedId = 'af-' + ++counter;
    var typed = el('input', { id: typedId, type: 'text', autocomplete: 'off' });
    var addTyped = el('button', { type: 'button', text: 'Add' });
    addTyped.addEventListener('click', function () {
      if (add(typed.value)) typed.value = '';
    });
    box.appendChild(el('p', { class: 'author-label', text: 'Evidence (quotes from the report)' }));
    box.appendChild(listEl);
    box.appendChild(el('p', {}, [addSelected]));
    box.appendChild(
      el('p', {}, [
        el('label', { for: typedId, text: 'Or type a quote ' }),
        typed,
        document.createTextNode(' '),
        addTyped,
      ]),
    );
    box.appendChild(msg);
    draw();
    return box;
  }

  /* Answer-key lines ---------------------------------------------------------------------- */
  var SECTIONS = {
    diagnoses: { title: 'Diagnoses', noun: 'diagnosis' },
    procedures: { title: 'Procedures', noun: 'procedure' },
    distractors: { title: 'Wrong answers to anticipate', noun: 'wrong answer' },
  };
  var sectionEls = {};

  function systemsForSetting() {
    return model.setting === 'inpatient'
      ? [['ICD-10-PCS', 'ICD-10-PCS']]
      : [
          ['CPT', 'CPT'],
          ['HCPCS', 'HCPCS Level II'],
        ];
  }
  function lookupSystem(kind, line) {
    if (kind === 'diagnoses') return data.systems['ICD-10-CM'];
    if (kind === 'procedures') return line.system ? data.systems[line.system] : '';
    return '';
  }
  function attachLookup(input, kind, line) {
    if (!data.lookup || !window.HandoffCombobox) return;
    input.setAttribute('data-system', lookupSystem(kind, line) || '');
    window.HandoffCombobox.attach(input, app);
  }
  /* The official title of a chosen code fills an empty description (ICD-10 and HCPCS; CPT descriptions are your own words). */
  function fillTitle(kind, index, code, descriptionInput) {
    var line = model.answerKey[kind][index];
    var system = lookupSystem(kind, line);
    if (!data.lookup || !system || line.system === 'CPT' || descriptionInput.value.trim() !== '' || !code)
      return;
    fetch('/api/codes/' + encodeURIComponent(system) + '/' + encodeURIComponent(code.trim()), {
      headers: { Accept: 'application/json' },
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (found) {
        var title = found && (found.title || (found.code && found.code.title));
        if (title && descriptionInput.value.trim() === '') {
          descriptionInput.value = title;
          descriptionInput.dispatchEvent(new Event('input'));
        }
      })
      .catch(function () {});
  }

  function lineEditor(kind, index) {
    var base = ['answerKey', kind, index];
    var line = model.answerKey[kind][index];
    var n = index + 1;
    var name = SECTIONS[kind].noun.charAt(0).toUpperCase() + SECTIONS[kind].noun.slice(1) + ' ' + n;
    var fieldset = el('fieldset', { class: 'author-line', 'data-path': pathKey(base) }, [
      el('legend', { text: name }),
    ]);
    var parts = [];
    if (kind === 'procedures')
      parts.push(field('Code system', base.concat(['system']), { choices: systemsForSetting() }));
    var code = field('Code', base.concat(['code']), { className: 'code-input' });
    parts.push(code);
    if (kind === 'procedures') {
      parts.push(
        field('Modifiers', base.concat(['modifiers']), {
          toText: function (v) {
            return Array.isArray(v) ? v.join(' ') : '';
          },
          parse: function (v) {
            return v
              .split(/[\s,;-]+/)
              .filter(Boolean)
              .map(function (m) {
                return m.toUpperCase();
              });
          },
          help: 'separated by spaces, e.g. RT 59',
        }),
      );
      parts.push(
        field('Units', base.concat(['units']), {
          type: 'number',
          toText: function (v) {
            return v === undefined ? 1 : v;
          },
          parse: function (v) {
            return v === '' ? undefined : Number(v);
          },
          absentWhen: 1,
        }),
      );
    }
    var description;
    if (kind !== 'distractors') {
      description = field(
        kind === 'procedures'
          ? 'Description (official title for ICD-10-PCS and HCPCS; your own words for CPT)'
          : 'Description (the official long title)',
        base.concat(['description']),
      );
      parts.push(description);
      parts.push(field('Rationale', base.concat(['rationale']), { multiline: true }));
    } else {
      parts.push(field('Feedback the trainee reads', base.concat(['feedback']), { multiline: true }));
      parts.push(
        field('Entered as', base.concat(['section']), {
          choices: [
            ['', 'worked out from the code'],
            ['diagnoses', 'a diagnosis'],
            ['procedures', 'a procedure'],
          ],
          parse: optionalText,
        }),
      );
    }
    parts.push(
      field('Guideline (optional), e.g. I.C.19.c', base.concat(['guideline']), { parse: optionalText }),
    );
    if (kind !== 'distractors') {
      var alternatives = line.alternatives || [];
      if (
        alternatives.every(function (a) {
          return typeof a === 'string';
        })
      )
        parts.push(
          field('Also accepted (codes, separated by commas)', base.concat(['alternatives']), {
            toText: joined,
            parse: list,
          }),
        );
      else
        parts.push({
          wrap: el('p', {
            class: 'muted',
            text: 'Also accepted: grouped lines, kept as written in the file (edit them in the YAML).',
          }),
        });
      parts.push(
        field('Optional (earns credit when given, costs nothing when left out)', base.concat(['optional']), {
          checkbox: true,
          absentWhen: false,
        }),
      );
      if (kind === 'diagnoses')
        parts.push(
          field('May also be listed first (coders reasonably differ)', base.concat(['mayBeFirst']), {
            checkbox: true,
            absentWhen: false,
          }),
        );
    }
    parts.forEach(function (p) {
      fieldset.appendChild(p.wrap);
    });
    if (kind !== 'distractors') fieldset.appendChild(evidenceBlock(base.concat(['evidence'])));
    attachLookup(code.input, kind, line);
    code.input.addEventListener('change', function () {
      if (description) fillTitle(kind, index, code.input.value, description.input);
    });
    var tools = el('p', { class: 'line-tools' });
    [
      ['up', 'Move up'],
      ['down', 'Move down'],
      ['remove', 'Remove'],
    ].forEach(function (t) {
      var b = el('button', {
        type: 'button',
        class: 'link-button',
        text: t[1],
        'aria-label': t[1] + ' ' + name,
      });
      b.addEventListener('click', function () {
        var items = model.answerKey[kind];
        if (t[0] === 'remove') items.splice(index, 1);
        else {
          var to = index + (t[0] === 'up' ? -1 : 1);
          if (to < 0 || to >= items.length) return;
          var moved = items.splice(index, 1)[0];
          items.splice(to, 0, moved);
        }
        drawSection(kind);
        changed();
        var lines = sectionEls[kind].querySelectorAll('.author-line');
        var movedLine = lines[index + (t[0] === 'up' ? -1 : 1)];
        var focusAfter =
          t[0] === 'remove'
            ? sectionEls[kind].querySelector('.add-line')
            : movedLine && movedLine.querySelector('button[aria-label^="' + t[1] + '"]');
        if (focusAfter) focusAfter.focus();
      });
      tools.appendChild(b);
      tools.appendChild(document.createTextNode(' '));
    });
    fieldset.appendChild(tools);
    return fieldset;
  }

  function drawSection(kind) {
    var box = sectionEls[kind];
    box.querySelectorAll('.author-line').forEach(function (l) {
      l.remove();
    });
    var add = box.querySelector('.add-line');
    model.answerKey[kind].forEach(function (_line, i) {
      box.insertBefore(lineEditor(kind, i), add.parentNode);
    });
    renderHighlight();
  }

  function section(kind) {
    var headingId = 'ah-' + kind;
    var box = el(
      'section',
      { class: 'author-section', 'aria-labelledby': headingId, 'data-path': 'answerKey.' + kind },
      [
        el('h2', { id: headingId, text: SECTIONS[kind].title }),
        el('span', { class: 'field-problem', 'aria-live': 'polite' }),
      ],
    );
    var add = el('button', { type: 'button', class: 'add-line', text: 'Add a ' + SECTIONS[kind].noun });
    add.addEventListener('click', function () {
      var line =
        kind === 'diagnoses'
          ? { code: '', description: '', rationale: '', evidence: [] }
          : kind === 'procedures'
            ? {
                system: model.setting === 'inpatient' ? 'ICD-10-PCS' : 'CPT',
                code: '',
                description: '',
                rationale: '',
                evidence: [],
              }
            : { code: '', feedback: '' };
      model.answerKey[kind].push(line);
      drawSection(kind);
      changed();
      var lines = box.querySelectorAll('.author-line');
      lines[lines.length - 1].querySelector('input, select').focus();
    });
    box.appendChild(el('p', {}, [add]));
    sectionEls[kind] = box;
    drawSection(kind);
    return box;
  }

  /* The page ------------------------------------------------------------------------------- */
  var form = el('form', { id: 'author-form', class: 'author-form', novalidate: 'novalidate' });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  app.appendChild(form);
  app.setAttribute('data-setting', model.setting || 'outpatient');
  app.setAttribute('data-date', (model.report && model.report.dateOfService) || '');

  var header = el('section', { class: 'author-section', 'aria-labelledby': 'ah-header' }, [
    el('h2', { id: 'ah-header', text: 'Scenario' }),
  ]);
  [
    field('Id (kebab-case, unique)', ['id'], {
      help: 'e.g. office-ankle-sprain-follow-up; the file is named after it',
    }),
    field('Title', ['title']),
    field('Setting', ['setting'], {
      choices: [
        ['outpatient', 'Outpatient (CPT / HCPCS procedures)'],
        ['inpatient', 'Inpatient facility (ICD-10-PCS procedures)'],
      ],
      onChange: function (v) {
        app.setAttribute('data-setting', v);
        drawSection('procedures');
      },
    }),
    field('Encounter', ['encounter'], { help: 'Office visit, Emergency department, Ambulatory surgery…' }),
    field('Specialty', ['specialty']),
    field('Difficulty', ['difficulty'], {
      choices: [1, 2, 3, 4, 5].map(function (d) {
        return [d, String(d) + (d === 1 ? ' (first week)' : d === 5 ? ' (exam level)' : '')];
      }),
      parse: Number,
    }),
    field('Teaching points (tags, separated by commas)', ['tags'], { toText: joined, parse: list }),
    field('Visibility', ['visibility'], {
      choices: [
        ['practice', 'Practice: in the catalogue'],
        ['exam', 'Exam only: never listed, used in exams'],
      ],
    }),
    field('Summary for the catalogue (optional)', ['summary'], { parse: optionalText }),
  ].forEach(function (f) {
    header.appendChild(f.wrap);
  });
  form.appendChild(header);

  var report = el('section', { class: 'author-section', 'aria-labelledby': 'ah-report' }, [
    el('h2', { id: 'ah-report', text: 'Report' }),
  ]);
  [
    field('Report type', ['report', 'type'], { help: 'e.g. Emergency Department Note, Operative Report' }),
    field('Dictated by', ['report', 'dictatedBy']),
    field("Transcribed by (the transcriptionist's initials)", ['report', 'transcribedBy']),
    field('Date of service', ['report', 'dateOfService'], {
      type: 'date',
      onChange: function (v) {
        app.setAttribute('data-date', v);
      },
    }),
  ].forEach(function (f) {
    report.appendChild(f.wrap);
  });
  var reportField = field('Report text (paste the transcription)', ['report', 'text'], {
    multiline: true,
    rows: 18,
    spellcheck: false,
    help: 'Select words here and use “Add the text selected in the report” on a line to attach them as evidence.',
    onChange: renderHighlight,
  });
  reportInput = reportField.input;
  report.appendChild(reportField.wrap);
  report.appendChild(el('h3', { text: 'Evidence in the report' }));
  report.appendChild(highlight);
  form.appendChild(report);

  form.appendChild(section('diagnoses'));
  form.appendChild(section('procedures'));
  form.appendChild(section('distractors'));

  // Problems, actions, and the YAML that will be saved.
  var summary = el('div', {
    class: 'author-problems',
    id: 'author-problems',
    role: 'status',
    'aria-live': 'polite',
  });
  var status = el('p', { class: 'save-status', id: 'author-status', role: 'status', 'aria-live': 'polite' });
  var actions = el('section', { class: 'author-section author-actions', 'aria-labelledby': 'ah-save' }, [
    el('h2', { id: 'ah-save', text: 'Check and save' }),
    summary,
  ]);
  var folderField;
  if (state.mode === 'new') {
    var folders = Array.prototype.map.call(
      document.querySelectorAll('#f-source-folder option'),
      function (o) {
        return [o.value, o.textContent];
      },
    );
    var folderModel = { folder: state.folder };
    var fid = 'af-folder';
    folderField = el('select', { id: fid });
    folders.forEach(function (f) {
      var o = el('option', { value: f[0], text: f[1] });
      if (f[0] === folderModel.folder) o.selected = true;
      folderField.appendChild(o);
    });
    folderField.addEventListener('change', function () {
      state.folder = folderField.value;
    });
    actions.appendChild(
      el('div', { class: 'author-field' }, [
        el('label', { for: fid, text: 'Save into folder' }),
        folderField,
      ]),
    );
  }
  var save = el('button', { type: 'button', class: 'primary', text: 'Save' });
  var saveDraft = el('button', { type: 'button', text: 'Save as a draft' });
  var tryIt = el('button', { type: 'button', text: 'Try it as a trainee (new tab)' });
  actions.appendChild(
    el('p', { class: 'author-buttons' }, [
      save,
      document.createTextNode(' '),
      saveDraft,
      document.createTextNode(' '),
      tryIt,
    ]),
  );
  actions.appendChild(status);
  var yamlPreview = el('pre', {
    class: 'yaml-preview',
    id: 'yaml-preview',
    tabindex: '0',
    'aria-label': 'The YAML that will be saved',
  });
  actions.appendChild(
    el('details', {}, [el('summary', { text: 'The YAML that will be saved' }), yamlPreview]),
  );
  form.appendChild(actions);

  var tryForm = el('form', { method: 'post', action: '/author/try', target: '_blank', hidden: 'hidden' }, [
    el('input', { type: 'hidden', name: '_csrf', value: csrf }),
    el('input', { type: 'hidden', name: 'text', value: '' }),
  ]);
  document.body.appendChild(tryForm);

  /* Problems beside their fields --------------------------------------------------------- */
  function showProblems(problems) {
    state.problems = problems;
    document.querySelectorAll('.field-problem').forEach(function (m) {
      m.textContent = '';
    });
    document.querySelectorAll('[aria-invalid="true"]').forEach(function (i) {
      i.removeAttribute('aria-invalid');
    });
    summary.textContent = '';
    problems.forEach(function (p) {
      var path = p.path;
      var target = null;
      while (path && !target) {
        target = form.querySelector('[data-path="' + path.replace(/"/g, '') + '"]');
        if (!target)
          path =
            path.replace(/(\.[^.[\]]+|\[\d+\])$/, '') === path
              ? ''
              : path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      }
      var msg = target && target.querySelector('.field-problem');
      if (msg) {
        msg.textContent = (msg.textContent ? msg.textContent + ' ' : '') + p.message;
        var input = target.querySelector('input, select, textarea');
        if (input && target.classList.contains('author-field')) input.setAttribute('aria-invalid', 'true');
      }
    });
    if (problems.length === 0) {
      summary.appendChild(el('p', { class: 'author-ok', text: 'No problems: ready to save.' }));
      return;
    }
    summary.appendChild(
      el('p', {
        text: problems.length + ' problem(s) to fix before saving (each is also shown beside its field):',
      }),
    );
    var ul = el('ul');
    problems.forEach(function (p) {
      ul.appendChild(el('li', { text: (p.path ? p.path + ': ' : '') + p.message }));
    });
    summary.appendChild(ul);
  }

  var timer = null;
  var pending = null;
  function preview() {
    clearTimeout(timer);
    timer = null;
    var body = JSON.stringify({ scenario: model, id: state.mode === 'edit' ? state.id : undefined });
    pending = fetch('/api/author/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: body,
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) throw new Error((json.error && json.error.message) || 'error ' + res.status);
          state.text = json.text;
          yamlPreview.textContent = json.text;
          showProblems(json.problems);
        });
      })
      .catch(function (e) {
        status.textContent = 'Could not check the scenario: ' + e.message;
      });
    return pending;
  }
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(preview, 500);
    status.textContent = '';
  }

  function send(draft) {
    var body = { scenario: model, draft: draft };
    var url = '/api/author/scenarios';
    var method = 'POST';
    if (state.mode === 'edit') {
      url += '/' + encodeURIComponent(state.id);
      method = 'PUT';
      body.version = state.version;
    } else body.folder = state.folder;
    status.textContent = 'Saving…';
    return fetch(url, {
      method: method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (res) {
      return res.json().then(function (json) {
        if (res.ok) {
          if (json.draft) {
            status.textContent =
              'Saved as a draft: ' +
              json.path +
              '. Trainees do not see it until it is saved without problems.';
            return;
          }
          state.mode = 'edit';
          state.id = json.id;
          state.version = json.version;
          status.textContent = 'Saved ' + json.path + '. It is in the catalogue now.';
          if (window.history && window.history.replaceState)
            window.history.replaceState(null, '', '/author/scenarios/' + encodeURIComponent(json.id));
          showProblems([]);
          return;
        }
        if (json.problems) showProblems(json.problems);
        // The form keeps everything typed: nothing is lost when a save is refused.
        status.textContent = 'Not saved: ' + ((json.error && json.error.message) || 'error ' + res.status);
      });
    });
  }
  save.addEventListener('click', function () {
    send(false).catch(function (e) {
      status.textContent = 'Not saved: ' + e.message + ' (your changes are still here).';
    });
  });
  saveDraft.addEventListener('click', function () {
    send(true).catch(function (e) {
      status.textContent = 'Not saved: ' + e.message;
    });
  });
  tryIt.addEventListener('click', function () {
    preview().then(function () {
      tryForm.querySelector('input[name="text"]').value = state.text;
      tryForm.submit();
    });
  });

  preview();
})();
