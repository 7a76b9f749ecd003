/* Results: selecting a finding (click, or Enter/Space when focused) highlights its
   evidence in the report and brings it into view. Evidence links work without this. */
(function () {
  'use strict';
  function show(ids, scroll) {
    document.querySelectorAll('mark.evidence.active').forEach(function (m) {
      m.classList.remove('active');
    });
    var first = null;
    ids.forEach(function (id) {
      document.querySelectorAll('mark.' + id).forEach(function (m) {
        m.classList.add('active');
        if (!first) first = m;
      });
    });
    if (first && scroll) first.scrollIntoView({ behavior: 'smooth', block: 'center' });
    return first;
  }
  function select(finding) {
    document.querySelectorAll('.finding.active').forEach(function (f) {
      f.classList.remove('active');
    });
    finding.classList.add('active');
    var ids = (finding.getAttribute('data-evidence') || '').split(' ').filter(Boolean);
    show(ids, true);
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest('.evidence-link');
    if (link) {
      show([link.getAttribute('data-evidence')], false);
      return;
    }
    var finding = event.target.closest('.finding');
    if (finding && !event.target.closest('a, button')) select(finding);
  });
  document.addEventListener('keydown', function (event) {
    var finding = event.target.closest && event.target.closest('.finding');
    if (finding && event.target === finding && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      select(finding);
    }
  });
  if (location.hash && /^#ev-\d+$/.test(location.hash)) show([location.hash.slice(1)], false);
})();
