/* Clicking a finding or a question (or pressing Enter on it) scrolls the draft to its
   highlight and marks every piece of it; a code tag in the draft leads back to its finding.
   Works without this script too: the links are plain #anchors. */
(function () {
  'use strict';
  function clear() {
    var on = document.querySelectorAll('.active');
    for (var i = 0; i < on.length; i++) { on[i].classList.remove('active'); }
  }
  document.addEventListener('click', function (ev) {
    var link = ev.target.closest ? ev.target.closest('a.goto') : null;
    if (!link) { return; }
    var ref = link.getAttribute('data-ref');
    var tag = document.getElementById('ev-' + ref);
    if (!tag) { return; }
    ev.preventDefault();
    clear();
    tag.classList.add('active');
    var marks = document.querySelectorAll('mark.hl');
    for (var i = 0; i < marks.length; i++) {
      if ((' ' + marks[i].getAttribute('data-refs') + ' ').indexOf(' ' + ref + ' ') >= 0) { marks[i].classList.add('active'); }
    }
    tag.scrollIntoView({ block: 'center' });
    tag.focus({ preventScroll: true });
  });
  document.body.setAttribute('data-ready', '1');
}());
