// « Écouter cette page »: reads the page's main content aloud with the browser's own speech synthesis.
// No external service; a plain file loaded with the page's CSP nonce, no inline handler.
(function () {
  "use strict";
  var button = document.getElementById("lire-la-page");
  if (!button || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    return; // the button stays hidden where the browser cannot speak
  }
  var labelListen = button.getAttribute("data-label-listen");
  var labelStop = button.getAttribute("data-label-stop");
  var speaking = false;

  function text() {
    var main = document.getElementById("contenu");
    if (!main) return "";
    var copy = main.cloneNode(true);
    // Skip what is not the page's text: this button, hidden parts, forms' hidden inputs.
    copy.querySelectorAll("#lire-la-page, [hidden], [aria-hidden='true'], script, style, .fr-sr-only").forEach(
      function (node) { node.remove(); }
    );
    return (copy.innerText || copy.textContent || "").replace(/\s+/g, " ").trim();
  }

  function stop() {
    window.speechSynthesis.cancel();
    speaking = false;
    button.textContent = labelListen;
    button.setAttribute("aria-pressed", "false");
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    if (speaking) {
      stop();
      return;
    }
    var utterance = new SpeechSynthesisUtterance(text());
    utterance.lang = document.documentElement.lang || "fr";
    utterance.rate = 0.95;
    utterance.onend = stop;
    utterance.onerror = stop;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    speaking = true;
    button.textContent = labelStop;
    button.setAttribute("aria-pressed", "true");
  });
  window.addEventListener("pagehide", stop);
})();
