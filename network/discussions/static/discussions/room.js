// Live room: new messages over /ws/discussions/<room>/, presence, typing, older on scroll.
// The page works without this file: posting is a plain form, older messages a link.
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root || !("WebSocket" in window)) return;

  var list = document.getElementById("messages");
  var form = document.getElementById("post-form");
  var statusLine = document.getElementById("live-status");
  var presenceList = document.getElementById("presence");
  var typingLine = document.getElementById("typing");
  var onlyTopic = root.dataset.topic ? parseInt(root.dataset.topic, 10) : null;
  var newest = parseInt(root.dataset.newest || "0", 10);
  var pending = {}; // client_id -> frame, resent after a reconnect (idempotent)
  var socket = null;
  var retry = 0;
  var typingTimer = null;
  var typingAuthor = null;
  var lastTyping = 0;
  var lang = document.documentElement.lang || undefined;
  // The page's language and the month as a word: "4 déc. 2026, 19:14", never "12/4/2026"
  // (which the browser's own locale would give, and which reads two ways).
  var timeFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  var plural = new Intl.PluralRules(lang);
  // Messages counted live in the topic list: those newer than the page, each once.
  var countedAbove = newest;
  var counted = {};

  function say(line) { if (statusLine) statusLine.textContent = line; }

  // Words in the page's language, given by the template as data-* attributes on #room.
  function text(key, fallback) { return root.dataset[key] || fallback; }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  function topicUrl(topicId) {
    return location.pathname.replace(/\/t\/\d+\/?$/, "/").replace(/\/$/, "") + "/t/" + topicId + "/";
  }

  function sameLanguage(a, b) {
    return !!a && !!b && a.split("-")[0].toLowerCase() === b.split("-")[0].toLowerCase();
  }

  // A language's name in the page's language (CLDR names, from the browser).
  function languageName(code) {
    try { return new Intl.DisplayNames([lang], { type: "language" }).of(code) || code; }
    catch (e) { return code; }
  }

  function render(frame) {
    var article = document.createElement("article");
    article.className = "msg";
    article.id = "m" + frame.id;
    article.dataset.id = frame.id;
    article.dataset.topic = frame.topic;
    var header = document.createElement("header");
    var author = document.createElement("strong");
    author.className = "msg-author";
    author.textContent = frame.author;
    header.appendChild(author);
    if (onlyTopic === null) {
      var topic = document.createElement("a");
      topic.className = "msg-topic";
      topic.href = topicUrl(frame.topic);
      topic.textContent = frame.topic_title;
      header.appendChild(document.createTextNode(" "));
      header.appendChild(topic);
    }
    var time = document.createElement("time");
    time.className = "msg-time muted";
    time.dateTime = frame.created;
    time.textContent = timeFormat.format(new Date(frame.created));
    header.appendChild(document.createTextNode(" "));
    header.appendChild(time);
    if (frame.edited_at) {
      var edited = document.createElement("span");
      edited.className = "muted";
      edited.textContent = " " + text("edited", "(edited)");
      header.appendChild(edited);
    }
    if (frame.language && !sameLanguage(frame.language, lang)) {
      var marker = document.createElement("span");
      marker.className = "written-in";
      marker.textContent = text("writtenIn", "Written in {language}").replace(
        "{language}", languageName(frame.language));
      header.appendChild(document.createTextNode(" "));
      header.appendChild(marker);
    }
    var body = document.createElement("div");
    body.className = "msg-body";
    // The language the author wrote in, as the server-rendered messages carry it.
    if (frame.language) body.lang = frame.language;
    // body_html is sanitized on the server (nh3 allowlist) before it is stored.
    body.innerHTML = frame.body_html;
    article.appendChild(header);
    article.appendChild(body);
    // Anybody may report another's message (the same link the server renders).
    if (String(frame.author_id) !== root.dataset.me) {
      var actions = document.createElement("footer");
      actions.className = "msg-actions";
      var report = document.createElement("a");
      report.href = root.dataset.wsPath.replace(/^\/ws\//, "/") + "m/" + frame.id + "/report/";
      report.textContent = text("report", "Report");
      actions.appendChild(report);
      article.appendChild(actions);
    }
    return article;
  }

  // Server-rendered times are in UTC; shown again in the reader's own time zone.
  function localTimes(container) {
    container.querySelectorAll("time[datetime]").forEach(function (time) {
      time.textContent = timeFormat.format(new Date(time.dateTime));
    });
  }

  function messagesLabel(count) {
    var template = plural.select(count) === "one" ? root.dataset.oneMessage : root.dataset.manyMessages;
    return template.replace(/\d+/, String(count));
  }

  // The room's topic list: one more message in the topic (a new topic joins the list).
  function countInTopic(frame) {
    var topics = document.getElementById("topic-list");
    if (!topics || frame.id <= countedAbove || counted[frame.id]) return;
    counted[frame.id] = true;
    var item = topics.querySelector('li[data-topic="' + frame.topic + '"]');
    if (!item) {
      item = document.createElement("li");
      item.dataset.topic = frame.topic;
      var link = document.createElement("a");
      link.href = topicUrl(frame.topic);
      link.textContent = frame.topic_title;
      var count = document.createElement("span");
      count.className = "muted topic-count";
      count.dataset.count = "0";
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(count);
      topics.insertBefore(item, topics.firstChild);
      topics.hidden = false;
      var none = document.getElementById("no-topics");
      if (none) none.remove();
      var choice = form && form.querySelector("select[name=topic]");
      if (choice) choice.appendChild(new Option(frame.topic_title, frame.topic));
    }
    var label = item.querySelector(".topic-count");
    var total = parseInt(label.dataset.count, 10) + 1;
    label.dataset.count = String(total);
    label.textContent = messagesLabel(total);
  }

  function uncount(topicId) {
    var label = document.querySelector('#topic-list li[data-topic="' + topicId + '"] .topic-count');
    if (!label) return;
    var total = Math.max(parseInt(label.dataset.count, 10) - 1, 0);
    label.dataset.count = String(total);
    label.textContent = messagesLabel(total);
  }

  function showMessage(frame) {
    if (frame.id > newest) newest = frame.id;
    countInTopic(frame);
    if (typingAuthor === frame.author_id) clearTyping();
    var mine = pending[frame.client_id];
    delete pending[frame.client_id];
    if (mine && form) {
      var field = form.querySelector("textarea[name=body]");
      if (field.value === mine.body) field.value = "";
      // The next message follows this one, into the topic it may just have opened.
      var choice = form.querySelector("select[name=topic]");
      if (choice) choice.value = String(frame.topic);
    }
    if (onlyTopic !== null && frame.topic !== onlyTopic) return;
    var existing = document.getElementById("m" + frame.id);
    if (existing) {
      existing.querySelector(".msg-body").innerHTML = frame.body_html;
      return;
    }
    var empty = document.getElementById("no-messages");
    if (empty) empty.remove();
    var pages = list.querySelectorAll(".msg-page");
    var last = pages.length ? pages[pages.length - 1] : list;
    last.appendChild(render(frame));
    window.requestAnimationFrame(function () {
      document.getElementById("m" + frame.id).scrollIntoView({ block: "nearest" });
    });
  }

  function showPresence(members) {
    if (!presenceList) return;
    presenceList.textContent = "";
    members.forEach(function (person) {
      var li = document.createElement("li");
      li.textContent = person.name;
      presenceList.appendChild(li);
    });
  }

  function clearTyping() {
    clearTimeout(typingTimer);
    typingAuthor = null;
    if (typingLine) typingLine.textContent = "";
  }

  function showTyping(frame) {
    if (!typingLine) return;
    typingLine.textContent = text("typing", "{name} is typing…").replace("{name}", frame.author);
    typingAuthor = frame.author_id;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(clearTyping, 3000);
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.wsPath);
    socket.addEventListener("open", function () {
      retry = 0;
      say(text("live", "Live"));
      // Whatever was posted between the page load (or the drop) and now.
      send({ type: "history.since", after_id: newest });
      Object.keys(pending).forEach(function (key) { send(pending[key]); });
    });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "message") showMessage(frame);
      else if (frame.type === "message.hidden") {
        var gone = document.getElementById("m" + frame.id);
        if (gone) {
          uncount(gone.dataset.topic);
          gone.remove();
        }
      } else if (frame.type === "presence") showPresence(frame.members);
      else if (frame.type === "typing") showTyping(frame);
      else if (frame.type === "error") {
        pending = {}; // refused: never resent; the text stays in the box
        say(frame.detail);
      }
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4403) { say(text("noAccess", "You no longer have access to this room.")); return; }
      say(text("reconnecting", "Reconnecting…"));
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * Math.pow(2, retry - 1));
    });
  }

  if (form) {
    var bodyField = form.querySelector("textarea[name=body]");
    form.addEventListener("submit", function (event) {
      var topicField = form.querySelector("select[name=topic]");
      var titleField = form.querySelector("input[name=new_topic]");
      var topic = onlyTopic;
      if (topic === null) {
        // A typed title opens (or finds) that topic; otherwise the chosen one, as the form does.
        var title = titleField ? titleField.value.trim() : "";
        topic = title || (topicField && topicField.value ? parseInt(topicField.value, 10) : "");
      }
      var text = bodyField.value.trim();
      if (!text || topic === "" || !socket || socket.readyState !== WebSocket.OPEN) return; // plain post
      event.preventDefault();
      var frame = { type: "message.send", topic: topic, body: bodyField.value, client_id: uuid() };
      var languageField = form.querySelector("select[name=language]");
      if (languageField && languageField.value) frame.language = languageField.value;
      pending[frame.client_id] = frame;
      send(frame);
      if (titleField) titleField.value = "";
    });
    bodyField.addEventListener("input", function () {
      var now = Date.now();
      if (now - lastTyping > 2000) { lastTyping = now; send({ type: "typing" }); }
    });
  }

  // Older messages: the link is plain pagination; with JS it loads in place when scrolled to.
  function loadOlder(link) {
    if (link.dataset.loading) return;
    link.dataset.loading = "1";
    var url = new URL(link.href, location.href);
    url.searchParams.set("fragment", "1");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (html) {
        var holder = document.createElement("template");
        holder.innerHTML = html;
        var page = holder.content.firstElementChild;
        var paragraph = link.closest(".older");
        var before = list.scrollHeight;
        localTimes(page);
        list.insertBefore(page, list.firstChild);
        paragraph.remove();
        window.scrollBy(0, list.scrollHeight - before);
        watch();
      })
      .catch(function () { delete link.dataset.loading; });
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { if (entry.isIntersecting) loadOlder(entry.target); });
  }) : null;
  var scrolled = false; // load on scroll, not on arrival

  function watch() {
    var link = list.querySelector("a.load-older");
    if (!link) return;
    link.addEventListener("click", function (event) { event.preventDefault(); loadOlder(link); });
    if (observer && scrolled) observer.observe(link);
  }

  window.addEventListener("scroll", function () {
    scrolled = true;
    var link = list.querySelector("a.load-older");
    if (observer && link) observer.observe(link);
  }, { once: true, passive: true });

  localTimes(list);
  watch();
  connect();
})();
