// Keyboard navigation only: the report reads in full without it.
// n / j: next finding in the text; p / k: previous.
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll('a.fmark'));
  if (!marks.length) { return; }
  var current = -1;
  function go(step) {
    var active = marks.indexOf(document.activeElement);
    if (active >= 0) { current = active; }
    current = (current + step + marks.length) % marks.length;
    marks[current].focus();
    marks[current].scrollIntoView({block: 'center'});
    if (history.replaceState) { history.replaceState(null, '', '#' + marks[current].id); }
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key;
    if (key === 'n' || key === 'j') { go(1); event.preventDefault(); }
    else if (key === 'p' || key === 'k') { go(-1); event.preventDefault(); }
  });
}());
