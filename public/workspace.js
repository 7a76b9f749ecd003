/* The coding workspace: add, remove and reorder rows (mouse and keyboard), flag codes of
   the wrong shape before submitting, and suggest codes from the imported code sets.
   The form works without this script; it only adds to it. */
(function () {
  'use strict';
  var form = document.getElementById('coding-form');
  if (!form) return;
  var setting = form.getAttribute('data-setting');
  var principalLabel = setting === 'inpatient' ? 'Principal diagnosis' : 'First-listed diagnosis';

  var SHAPES = {
    diagnoses: {
      test: /^[A-Z][0-9A][0-9A-Z](\.?[0-9A-Z]{1,4})?$/i,
      hint: 'an ICD-10-CM code looks like S82.61XA or E11.65',
    },
    outpatient: {
      test: /^(\d{5}|\d{4}[FTU]|[A-Z]\d{4})$/i,
      hint: 'a CPT code has 5 digits (27786); a HCPCS code is a letter and 4 digits (J3301)',
    },
    inpatient: {
      test: /^[0-9BCDFGHX][0-9A-HJ-NP-Z]{6}$/i,
      hint: 'an ICD-10-PCS code has 7 letters or digits, never I or O (0DTJ4ZZ)',
    },
  };

  function groupOf(row) {
    return row.closest('.code-group');
  }
  function rowsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll('.code-row'));
  }
  function kindOf(group) {
    return group.getAttribute('data-kind');
  }

  /* Labels, ids and button names follow the order, so assistive technology reads it right. */
  function renumber(group) {
    var kind = kindOf(group);
    rowsOf(group).forEach(function (row, i) {
      var n = i + 1;
      var prefix = kind === 'diagnoses' ? 'dx-' + n : 'px-' + n;
      var name = kind === 'diagnoses' ? (n === 1 ? principalLabel : 'Diagnosis ' + n) : 'Procedure ' + n;
      var label = row.querySelector('.row-label');
      label.textContent = name;
      var input = row.querySelector('.code-input');
      input.id = prefix;
      label.setAttribute('for', prefix);
      var msg = row.querySelector('.field-msg');
      msg.id = prefix + '-msg';
      input.setAttribute('aria-describedby', (kind === 'diagnoses' ? 'dx-help ' : 'px-help ') + msg.id);
      var mod = row.querySelector('.modifier-input');
      if (mod) {
        mod.id = prefix + '-mod';
        mod.previousElementSibling.setAttribute('for', mod.id);
      }
      var units = row.querySelector('.units-input');
      if (units) {
        units.id = prefix + '-units';
        units.previousElementSibling.setAttribute('for', units.id);
      }
      row.querySelectorAll('.row-tools button').forEach(function (b) {
        b.setAttribute(
          'aria-label',
          b.getAttribute('data-action') === 'up'
            ? 'Move ' + name + ' up'
            : b.getAttribute('data-action') === 'down'
              ? 'Move ' + name + ' down'
              : 'Remove ' + name,
        );
      });
      var combo = row.querySelector('[role="listbox"]');
      if (combo) {
        combo.id = prefix + '-options';
        input.setAttribute('aria-controls', combo.id);
      }
    });
  }

  function addTools(row) {
    var tools = document.createElement('span');
    tools.className = 'row-tools';
    [
      ['up', '↑'],
      ['down', '↓'],
      ['remove', '✕'],
    ].forEach(function (pair) {
      var b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('data-action', pair[0]);
      b.textContent = pair[1];
      tools.appendChild(b);
    });
    row.appendChild(tools);
  }

  function blankRow(group) {
    var rows = rowsOf(group);
    var row = rows[rows.length - 1].cloneNode(true);
    // The copy must not carry the suggestion box of the row it came from.
    var combo = row.querySelector('.combo');
    if (combo) {
      var field = combo.querySelector('input');
      combo.parentNode.insertBefore(field, combo);
      combo.parentNode.removeChild(combo);
      ['role', 'aria-autocomplete', 'aria-expanded', 'aria-controls', 'aria-activedescendant'].forEach(
        function (a) {
          field.removeAttribute(a);
        },
      );
    }
    row.querySelectorAll('input').forEach(function (input) {
      input.value = input.classList.contains('units-input') ? '1' : '';
      input.removeAttribute('aria-invalid');
    });
    row.querySelectorAll('.field-msg').forEach(function (m) {
      m.textContent = '';
    });
    row.querySelectorAll('.code-link').forEach(function (l) {
      l.parentNode.removeChild(l);
    });
    return row;
  }

  function move(row, delta) {
    var group = groupOf(row);
    var sibling = delta < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling) return;
    if (delta < 0) row.parentNode.insertBefore(row, sibling);
    else row.parentNode.insertBefore(sibling, row);
    renumber(group);
  }

  function remove(row) {
    var group = groupOf(row);
    var rows = rowsOf(group);
    var next = row.nextElementSibling || row.previousElementSibling;
    if (rows.length === 1) {
      row.querySelectorAll('input').forEach(function (i) {
        i.value = i.classList.contains('units-input') ? '1' : '';
      });
      row.querySelector('.code-input').focus();
      return;
    }
    row.parentNode.removeChild(row);
    renumber(group);
    (next ? next.querySelector('.code-input') : group.querySelector('.add-row')).focus();
  }

  document.querySelectorAll('.code-group').forEach(function (group) {
    rowsOf(group).forEach(addTools);
    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'add-row';
    add.textContent = kindOf(group) === 'diagnoses' ? 'Add a diagnosis' : 'Add a procedure';
    add.addEventListener('click', function () {
      var row = blankRow(group);
      group.querySelector('.code-rows').appendChild(row);
      renumber(group);
      if (window.HandoffCombobox) window.HandoffCombobox.attach(row.querySelector('.code-input'), form);
      row.querySelector('.code-input').focus();
    });
    group.appendChild(add);
    renumber(group);
    group.addEventListener('click', function (event) {
      var button = event.target.closest('.row-tools button');
      if (!button) return;
      var row = button.closest('.code-row');
      var action = button.getAttribute('data-action');
      if (action === 'remove') remove(row);
      else {
        move(row, action === 'up' ? -1 : 1);
        button.focus();
      }
    });
    group.addEventListener('keydown', function (event) {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      var field = event.target.closest('input');
      if (!field) return;
      event.preventDefault();
      move(field.closest('.code-row'), event.key === 'ArrowUp' ? -1 : 1);
      field.focus();
    });
  });

  /* ---- flag malformed entries ---- */
  function problemOf(input) {
    var value = input.value.trim();
    if (value === '') return '';
    if (input.classList.contains('code-input')) {
      var group = kindOf(input.closest('.code-group'));
      var shape = group === 'diagnoses' ? SHAPES.diagnoses : SHAPES[setting];
      return shape.test.test(value.replace(/\s+/g, ''))
        ? ''
        : '"' + value + '" does not look like a code: ' + shape.hint + '.';
    }
    if (input.classList.contains('modifier-input')) {
      var bad = value.split(/[\s,;-]+/).filter(function (m) {
        return m && !/^[0-9A-Z]{2}$/i.test(m);
      });
      return bad.length ? 'A modifier is two letters or digits (RT, 25, XS); "' + bad[0] + '" is not.' : '';
    }
    if (input.classList.contains('units-input'))
      return /^[1-9]\d{0,3}$/.test(value) ? '' : 'Units are a whole number from 1 to 9999.';
    return '';
  }

  function check(input) {
    var problem = problemOf(input);
    var row = input.closest('.code-row');
    var msg = row.querySelector('.field-msg');
    if (problem) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    var problems = Array.prototype.slice.call(row.querySelectorAll('input')).map(problemOf).filter(Boolean);
    msg.textContent = problems.join(' ');
    return problem;
  }

  /* Coders write a procedure line in one field ("20610-RT", "J3301 x4", "64483-RT-59 x2"):
     the code stays in the code field, modifiers and units move to theirs. */
  var LINE = /^([0-9A-Z]{5})((?:-[0-9A-Z]{2})*)(?:\s*[xX\u00d7]\s*(\d{1,4}))?$/i;
  function splitLine(input) {
    if (!input.classList.contains('code-input') || kindOf(input.closest('.code-group')) !== 'procedures')
      return;
    var row = input.closest('.code-row');
    var modifiers = row.querySelector('.modifier-input');
    var units = row.querySelector('.units-input');
    var match = LINE.exec(input.value.trim());
    if (!match || !modifiers || (!match[2] && !match[3])) return;
    input.value = match[1].toUpperCase();
    if (match[2]) {
      var known = modifiers.value
        .split(/[\s,;-]+/)
        .filter(Boolean)
        .map(function (m) {
          return m.toUpperCase();
        });
      match[2]
        .slice(1)
        .split('-')
        .forEach(function (m) {
          if (known.indexOf(m.toUpperCase()) === -1) known.push(m.toUpperCase());
        });
      modifiers.value = known.join(' ');
    }
    if (match[3] && units) units.value = String(Number(match[3]));
  }

  form.addEventListener('focusout', function (event) {
    if (!event.target.matches || !event.target.matches('input[type="text"], input[type="number"]')) return;
    splitLine(event.target);
    check(event.target);
  });

  var warned = false;
  form.addEventListener('submit', function (event) {
    var summary = document.getElementById('form-summary');
    form.querySelectorAll('.code-input').forEach(splitLine);
    var invalid = Array.prototype.slice
      .call(form.querySelectorAll('.code-row input'))
      .filter(function (input) {
        return check(input);
      });
    if (invalid.length === 0 || warned) return;
    event.preventDefault();
    warned = true;
    summary.hidden = false;
    summary.textContent =
      invalid.length +
      ' entr' +
      (invalid.length === 1 ? 'y does' : 'ies do') +
      ' not look right (marked below). Fix ' +
      (invalid.length === 1 ? 'it' : 'them') +
      ', or submit again to have the grader explain.';
    invalid[0].focus();
  });
})();
