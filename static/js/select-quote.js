// On an article page, an editor selects words of the body and gets a link to record
// a statement from exactly that quote. Offsets are counted in UTF-16 units, as the
// browser counts them; the server converts them to code points.
(function () {
  "use strict";
  var body = document.querySelector(".article-body[data-record-url]");
  if (!body) return;
  var button = document.createElement("a");
  button.className = "record-quote";
  button.textContent = "Record a statement from this quote";
  button.hidden = true;
  body.parentNode.insertBefore(button, body);

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function update() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { button.hidden = true; return; }
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
      button.hidden = true; return;
    }
    var start = offsetIn(body, range.startContainer, range.startOffset);
    var end = offsetIn(body, range.endContainer, range.endOffset);
    if (end <= start) { button.hidden = true; return; }
    button.href = body.dataset.recordUrl + "?u16start=" + start + "&u16end=" + end;
    button.hidden = false;
  }

  document.addEventListener("selectionchange", update);
  // Text selected while the page was still loading, before this script ran.
  update();
})();
