// Click (or hover) a highlighted stretch to see who said it. Text goes in via
// textContent only, so nothing from the article is ever parsed as HTML.
(function () {
  var article = document.getElementById("article");
  var panel = document.getElementById("who-panel");
  if (!article) return;
  // A statement's page shows its whole article: bring the statement's words into view.
  var focus = article.getAttribute("data-focus");
  if (focus) {
    var words = article.querySelector('mark.hl-content[data-statement="' + CSS.escape(focus) + '"]');
    if (words) { words.classList.add("active"); words.scrollIntoView({block: "center"}); }
  }
  if (!panel) return;
  var linked = article.hasAttribute("data-linked");

  function marksOf(id) {
    return article.querySelectorAll('mark[data-statement="' + CSS.escape(id) + '"]');
  }
  function show(mark) {
    var id = mark.getAttribute("data-statement");
    article.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    marksOf(id).forEach(function (m) { m.classList.add("active"); });
    panel.textContent = "";
    var who = document.createElement("strong");
    who.textContent = mark.getAttribute("data-who");
    panel.appendChild(who);
    panel.appendChild(document.createTextNode(" · " + mark.getAttribute("data-kind") + " statement"));
    if (linked) {
      var a = document.createElement("a");
      a.href = "/statements/" + encodeURIComponent(id);
      a.textContent = "open statement";
      panel.appendChild(document.createTextNode(" · "));
      panel.appendChild(a);
    }
    panel.hidden = false;
  }
  article.addEventListener("click", function (e) {
    var mark = e.target.closest("mark[data-statement]");
    if (mark) show(mark);
  });
  article.addEventListener("mouseover", function (e) {
    var mark = e.target.closest("mark[data-statement]");
    if (mark) show(mark);
  });
  if (location.hash.indexOf("#s-") === 0) {
    var first = marksOf(decodeURIComponent(location.hash.slice(3)))[0];
    if (first) { show(first); first.scrollIntoView({block: "center"}); }
  }
})();
