/* Code suggestions for a code field, as an ARIA 1.2 combobox with a list box: type a code
   or words, move with the arrow keys, Enter to take a suggestion, Escape to close. */
(function () {
  'use strict';
  var counter = 0;

  function attach(input, form) {
    if (!input || input.getAttribute('role') === 'combobox') return;
    var system =
      input.getAttribute('data-system') ||
      (form.getAttribute('data-setting') === 'outpatient' ? 'hcpcs' : '');
    var date = form.getAttribute('data-date') || '';
    var wrapper = document.createElement('span');
    wrapper.className = 'combo';
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement('ul');
    list.className = 'combo-list';
    list.setAttribute('role', 'listbox');
    list.id = (input.id || 'code') + '-options';
    list.hidden = true;
    list.setAttribute('aria-label', 'Suggested codes');
    wrapper.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);

    var active = -1;
    var timer = null;
    var request = 0;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function highlight(index) {
      var all = options();
      if (all.length === 0) return;
      active = (index + all.length) % all.length;
      all.forEach(function (o, i) {
        o.setAttribute('aria-selected', i === active ? 'true' : 'false');
      });
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    }
    function choose(option) {
      input.value = option.getAttribute('data-code');
      close();
      showLink(option.getAttribute('data-code'), option.getAttribute('data-system'));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
    /* A link to the chosen code's page in the look-up, where its notes can be read. */
    function showLink(code, codeSystem) {
      var link = wrapper.parentNode.querySelector('.code-link');
      if (!link) {
        link = document.createElement('a');
        link.className = 'code-link';
        link.target = '_blank';
        link.rel = 'noopener';
        wrapper.parentNode.insertBefore(link, wrapper.nextSibling);
      }
      link.href = '/codes/' + encodeURIComponent(codeSystem) + '/' + encodeURIComponent(code);
      link.textContent = code + ' in the look-up';
    }
    function show(results) {
      list.innerHTML = '';
      results.forEach(function (r) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = 'opt-' + ++counter;
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('data-code', r.code);
        li.setAttribute('data-system', r.system);
        var code = document.createElement('span');
        code.className = 'opt-code';
        code.textContent = r.code;
        li.appendChild(code);
        li.appendChild(
          document.createTextNode(
            r.title + (r.billable ? '' : ' (heading)') + (r.status === 'terminated' ? ' (terminated)' : ''),
          ),
        );
        li.addEventListener('mousedown', function (event) {
          event.preventDefault();
          choose(li);
        });
        list.appendChild(li);
      });
      if (results.length === 0) {
        close();
        return;
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    }
    function search() {
      var q = input.value.trim();
      if (q.length < 2) {
        close();
        return;
      }
      var mine = ++request;
      var url =
        '/api/codes/search?limit=8&q=' +
        encodeURIComponent(q) +
        (system ? '&system=' + encodeURIComponent(system) : '') +
        (date ? '&date=' + date : '');
      fetch(url, { headers: { Accept: 'application/json' } })
        .then(function (res) {
          return res.ok ? res.json() : { results: [] };
        })
        .then(function (data) {
          if (mine === request && document.activeElement === input) show(data.results || []);
        })
        .catch(close);
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (event.altKey) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (list.hidden) search();
        else highlight(active + 1);
      } else if (event.key === 'ArrowUp') {
        if (!list.hidden) {
          event.preventDefault();
          highlight(active - 1);
        }
      } else if (event.key === 'Enter') {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(options()[active]);
        }
      } else if (event.key === 'Escape') {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });
    input.addEventListener('blur', function () {
      setTimeout(close, 100);
    });
  }

  window.HandoffCombobox = { attach: attach };
  var form = document.getElementById('coding-form');
  if (form && form.getAttribute('data-lookup') === 'on') {
    form.querySelectorAll('.code-input').forEach(function (input) {
      attach(input, form);
    });
  }
})();
