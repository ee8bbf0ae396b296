/*!
 * qualbot chat widget — add to any page with one tag:
 *   <script src="https://YOUR-QUALBOT/widget.js" data-title="Talk to sales" data-color="#0f766e"
 *           data-greeting="Hi! What brings you here today?" async></script>
 * Optional: data-server (API origin; default: where this script came from), data-position="left".
 * The host site must allow the qualbot origin in its CSP (script-src, connect-src) if it has one,
 * and qualbot's WEB_ALLOWED_ORIGINS must list the site's origin.
 */
(() => {
  if (window.__qualbotChat) return;
  const script = document.currentScript;
  const data = script ? script.dataset : {};
  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const server = (data.server || scriptOrigin).replace(/\/+$/, "");
  const title = data.title || "Chat with us";
  const greeting = data.greeting || "Hi! How can we help you today?";
  const accent = data.color && window.CSS?.supports?.("color", data.color) ? data.color : "#2563eb";
  const storageKey = `qualbot.chat:${server}`;
  const labels = { prospect: "You", bot: title, rep: "Sales team", system: "Notice" };

  /* ---------- storage (blocked storage must not break the chat) ---------- */
  let memoryState = null;
  function loadState() {
    try {
      return JSON.parse(localStorage.getItem(storageKey) || "null") || {};
    } catch {
      return memoryState || {};
    }
  }
  function saveState(state) {
    memoryState = state;
    try {
      localStorage.setItem(storageKey, JSON.stringify(state));
    } catch {
      /* private mode or storage disabled: the session lasts for this page only */
    }
  }
  let state = loadState();
  function session() {
    if (!state.sessionId || !state.token) return null;
    if (state.expiresAt && Date.parse(state.expiresAt) <= Date.now()) return null;
    return { id: state.sessionId, token: state.token };
  }
  function setSession(body) {
    state = {
      ...state,
      sessionId: body.sessionId,
      token: body.token,
      expiresAt: body.expiresAt,
      issuedAt: new Date().toISOString(),
    };
    saveState(state);
  }
  function dropSession() {
    state = { open: state.open };
    saveState(state);
  }

  /* ---------- look ---------- */
  function textColorFor(color) {
    const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
    if (!hex) return "#ffffff";
    const digits = hex[1].length === 3 ? hex[1].replace(/./g, "$&$&") : hex[1];
    const [red, green, blue] = [0, 2, 4].map((start) => {
      const channel = parseInt(digits.slice(start, start + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    return luminance > 0.4 ? "#111827" : "#ffffff";
  }

  const css = `
  .root { all: initial; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    color: #111827; --accent: ${accent}; --on-accent: ${textColorFor(accent)}; }
  .root *, .root *::before, .root *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  button { font: inherit; }
  .launcher { position: fixed; bottom: 20px; right: 20px; width: 60px; height: 60px; border-radius: 50%; border: 0;
    background: var(--accent); color: var(--on-accent); box-shadow: 0 8px 24px rgba(15, 23, 42, .28); cursor: pointer;
    display: grid; place-items: center; z-index: 2147483000; transition: transform .15s ease; }
  .launcher:hover { transform: scale(1.05); }
  .launcher svg { width: 28px; height: 28px; }
  .badge { position: absolute; top: 3px; right: 3px; width: 14px; height: 14px; border-radius: 50%; background: #dc2626; border: 2px solid #fff; }
  .panel { position: fixed; bottom: 92px; right: 20px; width: 380px; max-width: calc(100vw - 40px); height: 580px;
    max-height: calc(100vh - 120px); display: flex; flex-direction: column; background: #fff; border-radius: 16px;
    box-shadow: 0 16px 48px rgba(15, 23, 42, .3); overflow: hidden; z-index: 2147483001; }
  .left .launcher { right: auto; left: 20px; }
  .left .panel { right: auto; left: 20px; }
  .header { background: var(--accent); color: var(--on-accent); padding: 14px 12px 14px 18px; display: flex; align-items: center; gap: 10px; }
  .header h2 { margin: 0; font-size: 16px; font-weight: 600; flex: 1; line-height: 1.3; }
  .header p { margin: 2px 0 0; font-size: 12px; opacity: .85; }
  .close { background: transparent; border: 0; color: inherit; width: 36px; height: 36px; border-radius: 10px; cursor: pointer; display: grid; place-items: center; }
  .close:hover { background: rgba(255, 255, 255, .18); }
  .close svg { width: 20px; height: 20px; }
  .log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; background: #f8fafc; }
  .message { max-width: 85%; padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .message.bot, .message.rep { align-self: flex-start; background: #fff; border: 1px solid #e2e8f0; border-bottom-left-radius: 4px; }
  .message.rep { border-color: var(--accent); }
  .message.prospect { align-self: flex-end; background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 4px; }
  .message.pending { opacity: .6; }
  .message.system { align-self: center; color: #64748b; font-size: 13px; text-align: center; padding: 2px 8px; }
  .who { display: block; font-size: 12px; font-weight: 600; color: #475569; margin-bottom: 2px; }
  .typing { display: flex; gap: 4px; align-items: center; align-self: flex-start; padding: 12px 14px; margin: 0 16px 10px;
    background: #fff; border: 1px solid #e2e8f0; border-radius: 16px; border-bottom-left-radius: 4px; width: max-content; }
  .typing-row { background: #f8fafc; }
  .dot { width: 7px; height: 7px; border-radius: 50%; background: #94a3b8; animation: blink 1.2s infinite ease-in-out; }
  .dot:nth-child(2) { animation-delay: .2s; } .dot:nth-child(3) { animation-delay: .4s; }
  @keyframes blink { 0%, 80%, 100% { opacity: .3; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-3px); } }
  .notice { margin: 0; padding: 8px 16px; background: #fef3c7; color: #78350f; font-size: 13px; border-top: 1px solid #fde68a; }
  .composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e2e8f0; background: #fff; align-items: flex-end; }
  .composer textarea { flex: 1; resize: none; border: 1px solid #cbd5e1; border-radius: 12px; padding: 9px 12px; font: inherit;
    color: inherit; background: #fff; min-height: 42px; max-height: 120px; line-height: 1.4; }
  .composer textarea:focus { outline: 2px solid var(--accent); outline-offset: 0; border-color: transparent; }
  .send { flex: none; width: 42px; height: 42px; border-radius: 50%; border: 0; background: var(--accent); color: var(--on-accent); cursor: pointer; display: grid; place-items: center; }
  .send svg { width: 20px; height: 20px; }
  .send:disabled { opacity: .45; cursor: default; }
  .launcher:focus-visible, .close:focus-visible, .send:focus-visible, .log:focus-visible { outline: 3px solid #0f172a; outline-offset: 2px; }
  .powered { text-align: center; font-size: 11px; color: #94a3b8; padding: 0 0 8px; background: #fff; }
  @media (max-width: 480px) {
    .panel, .left .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none; border-radius: 0; }
    .root.open .launcher { display: none; }
    .composer textarea { font-size: 16px; }
  }
  @media (prefers-reduced-motion: reduce) { .dot { animation: none; } .launcher { transition: none; } }`;

  const icons = {
    chat: '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z"/></svg>',
    close:
      '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>',
    send: '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M5 12h13M12 5l7 7-7 7"/></svg>',
  };

  /* ---------- DOM (shadow root: the host page's CSS cannot reach inside) ---------- */
  const host = document.createElement("qualbot-chat");
  const shadow = host.attachShadow({ mode: "open" });
  if (
    "adoptedStyleSheets" in shadow &&
    typeof CSSStyleSheet === "function" &&
    "replaceSync" in CSSStyleSheet.prototype
  ) {
    // Constructed sheets also work under a host CSP without 'unsafe-inline' styles.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = css;
    shadow.appendChild(style);
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") node.textContent = value;
      else if (name === "html") node.innerHTML = value;
      else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  const badge = element("span", { class: "badge", hidden: true });
  const launcher = element(
    "button",
    {
      type: "button",
      class: "launcher",
      "aria-label": `Open chat: ${title}`,
      "aria-expanded": "false",
      "aria-controls": "qb-panel",
      "aria-haspopup": "dialog",
    },
    [element("span", { html: icons.chat, style: "display:contents" }), badge],
  );
  const closeButton = element("button", {
    type: "button",
    class: "close",
    "aria-label": "Close chat",
    html: icons.close,
  });
  const log = element("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Conversation",
    tabindex: "0",
  });
  const typing = element("div", { class: "typing-row", hidden: true }, [
    element("div", { class: "typing", role: "status" }, [
      element("span", { class: "sr-only", text: `${title} is typing` }),
      element("span", { class: "dot", "aria-hidden": "true" }),
      element("span", { class: "dot", "aria-hidden": "true" }),
      element("span", { class: "dot", "aria-hidden": "true" }),
    ]),
  ]);
  const notice = element("p", { class: "notice", role: "alert", hidden: true });
  const input = element("textarea", {
    id: "qb-input",
    rows: "1",
    placeholder: "Type your message…",
    "aria-label": "Message",
    autocomplete: "off",
  });
  const sendButton = element("button", {
    type: "submit",
    class: "send",
    "aria-label": "Send message",
    html: icons.send,
  });
  const form = element("form", { class: "composer" }, [input, sendButton]);
  const panel = element(
    "section",
    { class: "panel", id: "qb-panel", role: "dialog", "aria-labelledby": "qb-title", hidden: true },
    [
      element("div", { class: "header" }, [
        element("div", { style: "flex:1" }, [
          element("h2", { id: "qb-title", text: title }),
          element("p", { text: "We usually reply in seconds" }),
        ]),
        closeButton,
      ]),
      log,
      typing,
      notice,
      form,
    ],
  );
  const root = element("div", { class: `root${data.position === "left" ? " left" : ""}` }, [panel, launcher]);
  shadow.appendChild(root);

  /* ---------- conversation view ---------- */
  const rendered = new Set();
  let cursor = 0;
  let historyLoaded = false;
  let inFlight = 0;

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(role, text, id) {
    const node = element("div", { class: `message ${role}`, "data-role": role });
    if (role === "rep") node.appendChild(element("span", { class: "who", text: labels.rep }));
    else node.appendChild(element("span", { class: "sr-only", text: `${labels[role] || role}: ` }));
    node.appendChild(document.createTextNode(text));
    if (id !== undefined) node.dataset.id = String(id);
    return node;
  }

  function showGreeting() {
    if (!log.querySelector(".greeting")) {
      const node = bubble("bot", greeting);
      node.classList.add("greeting");
      log.prepend(node);
    }
  }

  /** A bubble shown before the server confirmed it (a message being sent, a reply shown without its id). */
  function unconfirmed(role, text) {
    const node = bubble(role, text);
    node.dataset.unconfirmed = "";
    node.dataset.text = text;
    return node;
  }

  /**
   * Server messages are placed by id, each once; one that matches an unconfirmed bubble takes
   * that bubble over instead of showing twice. Unconfirmed bubbles stay last.
   */
  function render(message) {
    if (!message || typeof message.id !== "number" || rendered.has(message.id)) return;
    rendered.add(message.id);
    cursor = Math.max(cursor, message.id);
    const twin = [...log.querySelectorAll(".message[data-unconfirmed]")].find(
      (node) => node.dataset.role === message.role && node.dataset.text === message.text,
    );
    if (twin) {
      markConfirmed(twin, message.id);
      return;
    }
    const node = bubble(message.role, message.text, message.id);
    if (message.createdAt) node.title = new Date(message.createdAt).toLocaleString();
    const later = [...log.querySelectorAll(".message[data-id]")].find(
      (other) => Number(other.dataset.id) > message.id,
    );
    log.insertBefore(node, later || log.querySelector(".message[data-unconfirmed]") || null);
    // Only live arrivals count as unread, not the history loaded for a returning visitor.
    if (historyLoaded && message.role !== "prospect" && !isOpen()) badge.hidden = false;
    scrollToEnd();
  }

  function markConfirmed(node, id) {
    delete node.dataset.unconfirmed;
    node.dataset.id = String(id);
    rendered.add(id);
  }

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
    clearTimeout(showNotice.timer);
    showNotice.timer = setTimeout(() => {
      notice.hidden = true;
    }, 10000);
  }

  function setTyping(delta) {
    inFlight = Math.max(0, inFlight + delta);
    typing.hidden = inFlight === 0;
    if (inFlight > 0) scrollToEnd();
  }

  /* ---------- API ---------- */
  async function call(method, path, options) {
    const headers = { Accept: "application/json" };
    const current = session();
    if (current && !options?.anonymous) headers.Authorization = `Bearer ${current.token}`;
    if (options?.body !== undefined) headers["Content-Type"] = "application/json";
    if (options?.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    let response;
    try {
      response = await fetch(server + path, {
        method,
        headers,
        body: options?.body === undefined ? undefined : JSON.stringify(options.body),
        mode: "cors",
        credentials: "omit",
      });
    } catch {
      return { status: 0, body: null };
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { status: response.status, body, retryAfter: Number(response.headers.get("Retry-After")) || 0 };
  }

  let creating = null;
  /** One session per visitor even when several messages are sent before the first answer. */
  function createSession() {
    creating ||= call("POST", "/api/sessions", { anonymous: true }).then((result) => {
      creating = null;
      if (result.status === 201 && result.body?.sessionId) {
        setSession(result.body);
        return true;
      }
      explain(result);
      return false;
    });
    return creating;
  }

  /** Past half its lifetime, a token is swapped for a fresh one so a returning visitor keeps the chat. */
  async function renewIfAging() {
    const current = session();
    if (!current || !state.issuedAt || !state.expiresAt) return;
    const issued = Date.parse(state.issuedAt);
    const expires = Date.parse(state.expiresAt);
    if (Date.now() - issued < (expires - issued) / 2) return;
    const result = await call("POST", `/api/sessions/${encodeURIComponent(current.id)}/token`);
    if (result.status === 200 && result.body?.token) {
      setSession(result.body);
      // An open stream would reconnect with the old token once the server ends it at that token's expiry.
      if (events) {
        disconnectEvents();
        connectEvents();
      }
    } else if (result.status === 401 || result.status === 404) forgetSession();
  }

  /** The server no longer knows this chat (expired, or its secret changed): start clean. */
  function forgetSession() {
    const hadMessages = rendered.size > 0;
    dropSession();
    disconnectEvents();
    resetView();
    if (hadMessages) showNotice("Your previous chat expired, so we started a new one.");
  }

  function explain(result) {
    if (result.status === 429) {
      const wait = result.retryAfter ? ` Please wait ${result.retryAfter} s.` : "";
      showNotice(`You're sending messages faster than we can keep up.${wait}`);
    } else if (result.status === 413) showNotice("That message is too long — please shorten it.");
    else if (result.status === 400) showNotice("That message couldn't be sent. Please try rephrasing it.");
    else if (result.status === 0)
      showNotice("Can't reach the chat right now. Check your connection and try again.");
    else showNotice("Something went wrong on our side. Please try again.");
  }

  async function sync() {
    const current = session();
    if (!current) return false;
    const result = await call(
      "GET",
      `/api/sessions/${encodeURIComponent(current.id)}/messages?after=${cursor}`,
    );
    if (result.status === 200 && Array.isArray(result.body?.messages)) {
      for (const message of result.body.messages) render(message);
      return true;
    }
    if (result.status === 401 || result.status === 404) forgetSession();
    return false;
  }

  async function loadHistory() {
    if (historyLoaded || !session()) return;
    await renewIfAging();
    historyLoaded = await sync();
    connectEvents();
  }

  /* ---------- push (server-sent events) ---------- */
  let events = null;
  let reconnectDelay = 1000;
  let reconnectTimer = null;

  function connectEvents() {
    const current = session();
    if (events || !current || typeof EventSource !== "function") return;
    const url = `${server}/api/sessions/${encodeURIComponent(current.id)}/events?token=${encodeURIComponent(current.token)}&lastEventId=${cursor}`;
    const source = new EventSource(url);
    events = source;
    source.onopen = () => {
      reconnectDelay = 1000;
    };
    source.onmessage = (event) => {
      try {
        render(JSON.parse(event.data));
      } catch {
        /* a malformed event is skipped; the next sync fills any gap */
      }
    };
    source.onerror = () => {
      // CONNECTING: the browser retries by itself with Last-Event-ID. CLOSED: it gave up (e.g. 401).
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      if (events === source) events = null;
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(async () => {
        await renewIfAging();
        if (await sync()) connectEvents();
      }, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 30000);
    };
  }

  function disconnectEvents() {
    if (events) events.close();
    events = null;
  }

  /* ---------- sending ---------- */
  let lastFailure = null;

  function newKey() {
    if (window.crypto?.randomUUID) return window.crypto.randomUUID();
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  }

  async function send(text) {
    // Resending the same text after a failure reuses its key: if the first try did arrive, it is not doubled.
    const key = lastFailure && lastFailure.text === text ? lastFailure.key : newKey();
    lastFailure = null;
    const pending = unconfirmed("prospect", text);
    pending.classList.add("pending");
    log.appendChild(pending);
    scrollToEnd();
    setTyping(1);
    try {
      let result = await post(text, key);
      if (result.status === 401 || result.status === 404) {
        // The session expired or the server forgot it: start a new chat and send there.
        forgetSession();
        log.appendChild(pending);
        result = await post(text, key);
      }
      if (result.status === 200) {
        pending.classList.remove("pending");
        if (typeof result.body?.messageId === "number" && pending.dataset.unconfirmed !== undefined)
          markConfirmed(pending, result.body.messageId);
        historyLoaded = true;
        connectEvents();
        // Fetch what was stored (replies with their ids); if that fails, show the replies we got
        // (unconfirmed, so the pushed copy later takes them over instead of doubling them).
        if (!(await sync()))
          for (const reply of result.body?.messages || [])
            log.appendChild(unconfirmed(reply.role || "bot", reply.text));
        scrollToEnd();
        return;
      }
      pending.remove();
      lastFailure = { text, key };
      if (!input.value) input.value = text;
      // -1: no session could be created, and createSession already said why.
      if (result.status !== -1) explain(result);
    } finally {
      setTyping(-1);
    }
  }

  async function post(text, key) {
    if (!session() && !(await createSession())) return { status: -1 };
    const current = session();
    return call("POST", `/api/sessions/${encodeURIComponent(current.id)}/messages`, {
      body: { text },
      idempotencyKey: key,
    });
  }

  function resetView() {
    log.textContent = "";
    rendered.clear();
    cursor = 0;
    historyLoaded = false;
    showGreeting();
  }

  /* ---------- open / close, keyboard ---------- */
  function isOpen() {
    return !panel.hidden;
  }

  function open() {
    panel.hidden = false;
    root.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat");
    badge.hidden = true;
    state = { ...state, open: true };
    saveState(state);
    showGreeting();
    scrollToEnd();
    input.focus();
    void loadHistory();
  }

  function close() {
    panel.hidden = true;
    root.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", `Open chat: ${title}`);
    state = { ...state, open: false };
    saveState(state);
    launcher.focus();
  }

  launcher.addEventListener("click", () => (isOpen() ? close() : open()));
  closeButton.addEventListener("click", close);
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  input.addEventListener("input", () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    input.style.height = "auto";
    input.focus();
    void send(text);
  });

  /* ---------- start ---------- */
  function start() {
    document.body.appendChild(host);
    window.__qualbotChat = { open, close };
    // Long-open tabs keep their token fresh too (a no-op without a session or while it is young).
    setInterval(() => void renewIfAging(), 10 * 60 * 1000);
    if (session()) {
      // Returning visitor: listen for rep messages even while closed; reopen if it was open.
      if (state.open) open();
      else void loadHistory();
    }
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
