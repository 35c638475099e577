// The gitops dashboard: a hash-routed page that polls the agent's JSON API every 2 seconds.
// No framework and nothing fetched from elsewhere: the agent runs in clusters without internet.
"use strict";

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const live = document.getElementById("live");
const refreshMs = 2000;
let info = { actionsEnabled: false, hasRepository: false };
let shown = "";
let timer = 0;
const messages = {};

const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const short = (sha) => (sha ? sha.slice(0, 12) : "");
const cls = (state) => "s-" + String(state ?? "").toLowerCase().replace(/[^a-z]+/g, "-");
const badge = (state, testid) => `<span class="badge ${cls(state)}"${testid ? ` data-testid="${testid}"` : ""}>${esc(state)}</span>`;
const time = (t) => (t ? new Date(t).toLocaleString([], { dateStyle: "medium", timeStyle: "medium", hourCycle: "h23" }) : "never");
const env = (inv) => encodeURIComponent(inv);

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (response.status === 404) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function route() {
  const [, view = "", inv, sub, arg] = location.hash.replace(/^#\/?/, "#/").split("/");
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  return { view: view.split("?")[0], inv: inv && decodeURIComponent(inv), sub: sub && sub.split("?")[0], arg: arg && arg.split("?")[0], params };
}

function renderNav(r) {
  const links = [["#/", "Overview", r.view === ""]];
  if (r.inv) {
    for (const [sub, label] of [["objects", "Objects"], ["drift", "Drift"], ["history", "History"]]) {
      links.push([`#/env/${env(r.inv)}/${sub}`, label, r.sub === sub]);
    }
  }
  nav.innerHTML = links.map(([href, label, active]) => `<a href="${href}"${active ? ' class="active"' : ""}>${label}</a>`).join("");
}

// ---- views ----

function commitLine(c, fallback) {
  if (!c) return `<span class="muted">${esc(fallback || "none")}</span>`;
  const subject = c.subject ? ` ${esc(c.subject)}` : "";
  const author = c.author ? ` <span class="muted">by ${esc(c.author.replace(/ <.*>$/, ""))}</span>` : "";
  return `<span class="sha" data-testid="sha">${esc(short(c.sha))}</span>${subject}${author}`;
}

function counts(map) {
  return Object.entries(map || {}).map(([state, n]) => `<span class="badge ${cls(state)}">${n} ${esc(state)}</span>`).join("");
}

function actions(e) {
  if (!info.actionsEnabled) return "";
  const buttons = [`<button data-action="sync" data-env="${esc(e.inventory)}">Sync now</button>`];
  buttons.push(e.suspended
    ? `<button data-action="resume" data-env="${esc(e.inventory)}">Resume</button>`
    : `<button data-action="suspend" data-env="${esc(e.inventory)}">Suspend</button>`);
  return `<div class="actions">${buttons.join("")}<span class="msg" data-testid="action-result">${esc(messages[e.inventory] || "")}</span></div>`;
}

function overview(envs) {
  if (!envs.length) return `<h1>Environments</h1><p class="muted">No agent has reported here yet.</p>`;
  const token = info.actionsEnabled
    ? `<p class="actions"><label>Action token <input type="password" id="token" autocomplete="off" value="${esc(sessionStorage.getItem("gitops-token") || "")}"></label></p>`
    : "";
  return `<h1>Environments</h1>${token}<div class="grid">${envs.map((e) => `
    <section class="card" data-testid="environment" data-env="${esc(e.inventory)}">
      <h2><span>${esc(e.cluster)} <span class="muted">/ ${esc(e.path)}</span></span>${badge(e.syncState, "sync-state")}</h2>
      <dl class="facts">
        <dt>Rendered</dt><dd data-testid="rendered">${commitLine(e.rendered, e.attemptedCommit ? `nothing applied yet (attempted ${short(e.attemptedCommit)})` : "nothing applied yet")}</dd>
        <dt>Source</dt><dd data-testid="source">${commitLine(e.source, e.rendered ? "unknown" : "none")}</dd>
        <dt>Health</dt><dd>${esc(e.health)}</dd>
        <dt>Last reconcile</dt><dd>${esc(time(e.lastRunAt))}${e.lastTrigger ? ` <span class="muted">(${esc(e.lastTrigger)})</span>` : ""}</dd>
        <dt>Last applied</dt><dd>${esc(time(e.lastAppliedAt))}</dd>
        <dt>Drift fixed</dt><dd>${esc(e.driftCorrections)}</dd>
      </dl>
      <div class="counts">${counts(e.healthCounts)}${counts(e.syncCounts)}</div>
      ${e.lastError ? `<div class="error" data-testid="last-error">${esc(e.lastError)}</div>` : ""}
      ${e.stale ? `<p class="muted">The last fetch failed: what is applied may be behind the branch.</p>` : ""}
      <div class="links"><a href="#/env/${env(e.inventory)}/objects">Objects</a><a href="#/env/${env(e.inventory)}/drift">Drift</a><a href="#/env/${env(e.inventory)}/history">History</a></div>
      ${actions(e)}
    </section>`).join("")}</div>`;
}

function rollout(r) {
  if (!r) return "";
  return `<div class="rollout" data-testid="rollout">${r.updated} updated · ${r.ready} ready · ${r.available}/${r.desired} available</div>
    <progress max="${r.desired}" value="${Math.min(r.available, r.desired)}" aria-label="available replicas"></progress>`;
}

const objectKey = (o) => [o.group, o.kind, o.namespace || "", o.name].map(encodeURIComponent).join(",");

function objects(inv, apps, selected, detail) {
  const tables = apps.map((app) => `
    <h2>${esc(app.name)}</h2>
    <div class="table-wrap"><table data-testid="app" data-app="${esc(app.name)}">
      <thead><tr><th>Kind</th><th class="wide">Namespace</th><th>Name</th><th>Health</th><th>Sync</th><th>Rollout</th></tr></thead>
      <tbody>${app.objects.map((o) => `
        <tr class="clickable${objectKey(o) === selected ? " selected" : ""}" data-testid="object" data-object="${esc(o.kind)}/${esc(o.name)}" data-key="${esc(objectKey(o))}">
          <td>${esc(o.kind)}</td><td class="wide">${esc(o.namespace || "")}</td><td class="name">${esc(o.name)}</td>
          <td title="${esc(o.healthMessage)}">${badge(o.health)}</td><td>${badge(o.sync)}</td><td class="full">${rollout(o.rollout)}</td>
        </tr>`).join("")}</tbody>
    </table></div>`).join("");
  return `<h1>Objects <span class="muted">${esc(inv)}</span></h1>${tables || '<p class="muted">No objects.</p>'}${detail ? objectDetail(detail) : ""}`;
}

function diffTable(fields) {
  if (!fields.length) return `<p class="muted">No differences: live matches git.</p>`;
  return `<div class="table-wrap"><table data-testid="field-diff"><thead><tr><th>Field</th><th>Live</th><th>Desired</th><th>Changed by</th></tr></thead><tbody>${fields.map((f) => `
    <tr><td class="sha full">${esc(f.path)}</td><td class="sha" data-label="live">${esc(f.liveValue ?? "<absent>")}</td><td class="sha" data-label="desired">${esc(f.desiredValue ?? "<absent>")}</td><td data-label="by">${esc(f.manager ?? "unknown")}</td></tr>`).join("")}</tbody></table></div>`;
}

function objectDetail(d) {
  const o = d.object;
  return `<section class="detail card" data-testid="object-detail">
    <h2><span>${esc(o.kind)} ${esc(o.namespace ? o.namespace + "/" : "")}${esc(o.name)}</span>${badge(o.sync)}</h2>
    ${d.note ? `<p class="muted">${esc(d.note)}</p>` : ""}
    <h2>Field diff</h2>${diffTable(d.diff)}
    <div class="panes">
      <div><h2>Desired (git)</h2><pre data-testid="desired-yaml">${esc(d.desiredYaml ?? "unknown")}</pre></div>
      <div><h2>Live (cluster)</h2><pre data-testid="live-yaml">${esc(d.liveYaml ?? "not in the cluster")}</pre></div>
    </div></section>`;
}

function drift(inv, records) {
  const rows = records.flatMap((r) => (r.drift.missing ? [{ r, f: { path: "(whole object)", liveValue: "deleted", desiredValue: "re-created", manager: null } }] : r.drift.fields.map((f) => ({ r, f }))));
  const ref = (x) => `${x.kind} ${x.namespace ? x.namespace + "/" : ""}${x.name}`;
  return `<h1>Drift <span class="muted">${esc(inv)}</span></h1>${rows.length ? `<div class="table-wrap"><table data-testid="drift">
    <thead><tr><th>When</th><th>Object</th><th>Field</th><th>Was</th><th>Set back to</th><th>Changed by</th><th>Action</th></tr></thead>
    <tbody>${rows.map(({ r, f }) => `<tr data-testid="drift-row">
      <td class="muted">${esc(time(r.at))}</td><td class="name">${esc(ref(r.drift.ref))}</td><td class="sha full">${esc(f.path)}</td>
      <td class="sha" data-label="was">${esc(f.liveValue ?? "<absent>")}</td><td class="sha" data-label="set back to">${esc(f.desiredValue ?? "<absent>")}</td>
      <td data-testid="manager" data-label="by">${esc(f.manager ?? "unknown")}</td><td>${badge(r.corrected ? "corrected" : "reported")}</td></tr>`).join("")}</tbody></table></div>`
    : '<p class="muted">No drift found so far.</p>'}`;
}

function history(inv, entries, diff) {
  const rows = entries.map((h) => `<tr data-testid="history-row">
    <td class="muted">${esc(time(h.at))}</td><td class="full"><a href="#/env/${env(inv)}/history/${esc(h.rendered.sha)}">${commitLine(h.rendered)}</a></td>
    <td class="wide">${commitLine(h.source, "unknown")}</td><td>${badge(h.trigger)}</td><td>${badge(h.result)}${h.error ? `<div class="muted">${esc(h.error)}</div>` : ""}</td></tr>`).join("");
  return `<h1>History <span class="muted">${esc(inv)}</span></h1>${rows ? `<div class="table-wrap"><table data-testid="history">
    <thead><tr><th>When</th><th>Rendered commit</th><th class="wide">Source commit</th><th>Trigger</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p class="muted">Nothing applied yet.</p>'}${diff ? commitDiff(diff) : ""}`;
}

function patch(text) {
  return text.split("\n").map((l) => {
    const c = l.startsWith("@@") ? "hunk" : l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : "";
    return c ? `<span class="${c}">${esc(l)}</span>` : esc(l);
  }).join("\n");
}

function commitDiff(d) {
  const apps = d.apps.map((a) => `<h2>${esc(a.app)}</h2>${a.files.map((f) => `<p class="sha">${esc(f.change)} ${esc(f.path)}</p><pre>${patch(f.patch)}</pre>`).join("")}`).join("");
  return `<section class="detail card" data-testid="commit-diff"><h2><span>Changes in <span class="sha">${esc(short(d.commit))}</span> since <span class="sha">${esc(short(d.parent) || "the start")}</span></span></h2>${apps || '<p class="muted">No change under this environment.</p>'}</section>`;
}

// ---- refresh loop ----

async function load(r) {
  if (r.view === "" || !r.inv) return overview(await api("/api/environments"));
  const base = `/api/environments/${env(r.inv)}`;
  if (r.sub === "drift") return drift(r.inv, (await api(`${base}/drift`)) || []);
  if (r.sub === "history") return history(r.inv, (await api(`${base}/history`)) || [], r.arg ? await api(`${base}/commits/${encodeURIComponent(r.arg)}`) : null);
  const selected = r.params.get("object");
  let detail = null;
  if (selected) {
    const [group, kind, namespace, name] = selected.split(",").map(decodeURIComponent);
    detail = await api(`${base}/object?${new URLSearchParams({ group, kind, namespace, name })}`);
  }
  return objects(r.inv, (await api(`${base}/apps`)) || [], selected, detail);
}

async function refresh() {
  clearTimeout(timer);
  const r = route();
  renderNav(r);
  try {
    const html = await load(r);
    live.classList.remove("down");
    live.textContent = "live";
    if (html !== shown && !main.contains(document.activeElement?.closest("input") ?? null)) {
      main.innerHTML = html;
      shown = html;
    }
  } catch (e) {
    live.classList.add("down");
    live.textContent = "cannot reach the agent: " + e.message;
  }
  timer = setTimeout(refresh, refreshMs);
}

main.addEventListener("click", async (event) => {
  const row = event.target.closest("tr[data-key]");
  if (row) {
    const r = route();
    location.hash = `#/env/${env(r.inv)}/objects?object=${encodeURIComponent(row.dataset.key)}`;
    return;
  }
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const token = document.getElementById("token")?.value ?? "";
  sessionStorage.setItem("gitops-token", token);
  const response = await fetch(`/api/environments/${env(button.dataset.env)}/actions/${button.dataset.action}`, {
    method: "POST", headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const body = await response.json().catch(() => ({}));
  messages[button.dataset.env] = response.ok ? body.result : `refused (${response.status}): ${body.error || response.statusText}`;
  shown = "";
  refresh();
});

window.addEventListener("hashchange", () => { shown = ""; refresh(); });

api("/api/info").then((i) => { info = i || info; }).finally(refresh);
