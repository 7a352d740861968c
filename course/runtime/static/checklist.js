// Course checklist (anywidget ESM). Ticks are stored in the notebook's own metadata:
//   metadata.course.progress[<section>] = [<ticked item ids>]
// The widget reads and writes the whole `course` metadata object through a backend:
//   1. the course-progress JupyterLab extension (public document-model API), reached with
//      synchronous DOM CustomEvents 'course-progress:get' / 'course-progress:set';
//   2. fallback: the ipywidgets manager's document context (model.widget_manager.context),
//      which JupyterLab 4 and Notebook 7 expose but do not document;
//   3. none (VS Code, nbclient...): the widget says in one line that ticks are not saved.
// The open document is the truth: every view reads its ticks from it when it is shown and
// again whenever the extension reports a change ('course-progress:changed' on the view), and
// writes only when its ticks differ from the document's, so showing a checklist never edits it.
// The extension bundles this file too: it draws a saved checklist (whose widget model is gone)
// with `render` and a stand-in model; `initialize` tells it which widgets are alive.
// Nothing already in the metadata is thrown away: values of the wrong shape are moved under
// `course.ignored`, and ticks of items that no longer exist stay in the stored list.
const NS = "course";
const SAVE_DELAY_MS = 400;

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function ask(el, type, detail) {
  const event = new CustomEvent(type, { bubbles: true, detail });
  el.dispatchEvent(event);
  return event.detail;
}

// What the metadata says about `key`: usable ticks, and lines describing what was ignored.
export function readProgress(course, key) {
  const notes = [];
  if (course === null || course === undefined) return { ticks: null, notes };
  if (!isObject(course)) return { ticks: null, notes: ["metadata.course is not an object"] };
  const progress = course.progress;
  if (progress === undefined) return { ticks: null, notes };
  if (!isObject(progress)) return { ticks: null, notes: ["metadata.course.progress is not an object"] };
  const value = progress[key];
  if (value === undefined) return { ticks: null, notes };
  if (!Array.isArray(value)) return { ticks: null, notes: [`progress for ${key} is not a list`] };
  const ticks = value.filter((v) => typeof v === "string");
  if (ticks.length !== value.length) notes.push(`${value.length - ticks.length} tick(s) that are not item ids`);
  return { ticks, notes };
}

// The `course` metadata with `checked` stored for `key`; everything else is preserved.
export function withProgress(course, key, checked, known) {
  const out = isObject(course) ? structuredClone(course) : {};
  const ignore = (where, value) => {
    out.ignored = isObject(out.ignored) ? out.ignored : {};
    out.ignored[where] = value;
  };
  if (course !== null && course !== undefined && !isObject(course)) ignore("course", course);
  if (out.progress !== undefined && !isObject(out.progress)) {
    ignore("progress", out.progress);
    delete out.progress;
  }
  out.progress = out.progress || {};
  const old = out.progress[key];
  if (old !== undefined && !Array.isArray(old)) ignore(`progress.${key}`, old);
  const stale = Array.isArray(old) ? old.filter((id) => typeof id === "string" && !known.has(id)) : [];
  const junk = Array.isArray(old) ? old.filter((id) => typeof id !== "string") : [];
  if (junk.length) ignore(`progress.${key}`, junk);
  out.progress[key] = [...checked, ...stale];
  return out;
}

// Attempts at exercises (course/progress/attempts.py): metadata.course.attempts[key][exercise] =
// {item, attempts, first, solved}. Two records of one exercise merge as there: the larger count and
// the earlier times win, so a second view or a new kernel never loses an attempt.
const isRecord = (r) => isObject(r) && Number.isInteger(r.attempts) && typeof r.first === "string";
const earliest = (a, b) => (a && b ? (a < b ? a : b) : a || b || "");

export function mergeAttempt(a, b) {
  return {
    item: a.item || b.item || "",
    attempts: Math.max(a.attempts, b.attempts),
    first: earliest(a.first, b.first),
    solved: earliest(a.solved, b.solved),
  };
}

// The `course` metadata with the kernel's `attempts` merged in for `key`; everything else is preserved.
export function withAttempts(course, key, attempts) {
  const out = isObject(course) ? structuredClone(course) : {};
  const ignore = (where, value) => {
    out.ignored = isObject(out.ignored) ? out.ignored : {};
    out.ignored[where] = value;
  };
  if (course !== null && course !== undefined && !isObject(course)) ignore("course", course);
  if (out.attempts !== undefined && !isObject(out.attempts)) {
    ignore("attempts", out.attempts);
    delete out.attempts;
  }
  out.attempts = out.attempts || {};
  const old = out.attempts[key];
  if (old !== undefined && !isObject(old)) ignore(`attempts.${key}`, old);
  const mine = isObject(old) ? old : {};
  for (const [id, record] of Object.entries(attempts)) {
    if (!isRecord(record)) continue;
    const stored = mine[id];
    if (stored !== undefined && !isRecord(stored)) ignore(`attempts.${key}.${id}`, stored);
    mine[id] = isRecord(stored) ? mergeAttempt(stored, record) : record;
  }
  out.attempts[key] = mine;
  return out;
}

function contextBackend(model) {
  let ctx = null;
  try {
    const c = model.widget_manager && model.widget_manager.context;
    if (c && c.model && typeof c.model.setMetadata === "function") ctx = c;
  } catch (e) {
    ctx = null;
  }
  if (!ctx) return null;
  return {
    name: "widget-manager-context",
    get: () => structuredClone(ctx.model.getMetadata(NS) ?? null),
    set: (value, save) => {
      if (JSON.stringify(ctx.model.getMetadata(NS) ?? null) === JSON.stringify(value)) return;
      ctx.model.setMetadata(NS, value);
      if (save) saveSoon(ctx);
    },
  };
}

// Saving a document context soon after a tick, without losing a tick made during a save.
// JupyterLab marks the model clean when a save ends, even if the metadata changed while the
// file was being written; a tick made in that window would then never be saved. So each save
// notes the `course` metadata it writes ('started' comes before the model is serialised), and
// when it ends the metadata is compared again and saved once more if it moved on.
const savers = new WeakMap();

function courseJSON(ctx) {
  return JSON.stringify(ctx.model.getMetadata(NS) ?? null);
}

export function saveSoon(ctx) {
  let s = savers.get(ctx);
  if (!s) {
    s = { timer: undefined, writing: null, force: false };
    savers.set(ctx, s);
    if (ctx.saveState && typeof ctx.saveState.connect === "function") {
      ctx.saveState.connect((_, state) => {
        if (state === "started") {
          s.writing = courseJSON(ctx);
          return;
        }
        const written = s.writing;
        s.writing = null;
        if (state === "completed" && written !== null && written !== courseJSON(ctx)) schedule(ctx, s, true);
      });
    }
  }
  schedule(ctx, s, false);
}

function schedule(ctx, s, force) {
  s.force = s.force || force;
  clearTimeout(s.timer);
  s.timer = setTimeout(() => {
    if (ctx.isDisposed || s.writing !== null) return; // the save in flight checks again when it ends
    if (s.force || ctx.model.dirty) {
      s.force = false;
      ctx.save().catch(() => {}); // JupyterLab shows its own error dialog
    }
  }, SAVE_DELAY_MS);
}

function chooseBackend(model, el) {
  if (ask(el, "course-progress:get", {}).handled) {
    return {
      name: "labextension",
      get: () => ask(el, "course-progress:get", {}).value,
      set: (value, save) => ask(el, "course-progress:set", { value, save }),
    };
  }
  return contextBackend(model) || { name: "none", get: () => null, set: () => {} };
}

function whenAttached(el) {
  return new Promise((resolve) => {
    const poll = () => (el.isConnected ? resolve() : requestAnimationFrame(poll));
    poll();
  });
}

const allIds = (model) => model.get("groups").flatMap((g) => g.items.map((i) => i.id));
const sameSet = (a, b) => a.length === b.length && a.every((id) => b.includes(id));

// A widget model exists in this page: the extension shows its live view instead of a copy.
function initialize({ model }) {
  const announce = (live) =>
    document.dispatchEvent(new CustomEvent("course-progress:instance", { detail: { id: model.get("instance"), live } }));
  announce(true);
  return () => announce(false);
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "course-checklist";
  el.append(root);
  let backend = null;
  const open = new Set();

  const draw = () => {
    // keep open groups open: read the live state (the toggle event fires only later)
    for (const d of root.querySelectorAll("details[data-group]")) {
      if (d.open) open.add(d.dataset.group); else open.delete(d.dataset.group);
    }
    const checked = new Set(model.get("checked"));
    const groups = model.get("groups");
    const total = groups.reduce((n, g) => n + g.items.length, 0);
    const done = groups.reduce((n, g) => n + g.items.filter((i) => checked.has(i.id)).length, 0);
    root.replaceChildren();
    root.dataset.backend = model.get("backend");
    root.dataset.done = String(done);

    const head = document.createElement("div");
    head.className = "course-checklist-head";
    const title = document.createElement("strong");
    title.textContent = `Checklist ${model.get("key")}`;
    const bar = document.createElement("progress");
    bar.max = Math.max(total, 1);
    bar.value = done;
    const count = document.createElement("span");
    count.className = "course-checklist-count";
    count.textContent = `${done} / ${total}`;
    head.append(title, bar, count);
    root.append(head);

    for (const group of groups) {
      const box = document.createElement("details");
      box.className = "course-checklist-group";
      box.dataset.group = group.id;
      box.open = open.has(group.id);
      const summary = document.createElement("summary");
      const groupDone = group.items.filter((i) => checked.has(i.id)).length;
      summary.textContent = `${group.title} (${groupDone}/${group.items.length})`;
      box.append(summary);
      for (const item of group.items) {
        const row = document.createElement("label");
        row.className = "course-checklist-item";
        row.style.paddingLeft = `${1.2 * item.depth}em`;
        const box2 = document.createElement("input");
        box2.type = "checkbox";
        box2.dataset.item = item.id;
        box2.checked = checked.has(item.id);
        box2.addEventListener("change", () => {
          const now = new Set(model.get("checked"));
          if (box2.checked) now.add(item.id); else now.delete(item.id);
          model.set("checked", allIds(model).filter((id) => now.has(id)));
          model.save_changes();
        });
        const text = document.createElement("span");
        text.textContent = item.label.replace(/`/g, "");
        if (item.exercises && item.exercises.length) text.title = "Ticks itself when its exercise's tests pass";
        row.append(box2, text);
        box.append(row);
      }
      root.append(box);
    }

    const notes = [];
    if (model.get("backend") === "none") {
      notes.push("Ticks cannot be saved in this editor: open the notebook in JupyterLab or Notebook 7 to keep them.");
    }
    const ignored = model.get("ignored");
    if (ignored.length) notes.push("Ignored in the saved progress: " + ignored.join("; "));
    for (const note of notes) {
      const div = document.createElement("div");
      div.className = "course-checklist-note";
      div.textContent = note;
      root.append(div);
    }
  };

  // write the ticks into the document, only where they differ from what it holds
  const store = () => {
    if (!backend || backend.name === "none") return;
    const key = model.get("key");
    const known = new Set(allIds(model));
    const current = backend.get();
    const { ticks } = readProgress(current, key);
    const checked = model.get("checked");
    if (ticks ? sameSet(ticks.filter((id) => known.has(id)), checked) : !checked.length) return;
    backend.set(withProgress(current, key, checked, known), model.get("save_on_change"));
  };

  // merge the kernel's attempts into the document, only when that changes it
  const storeAttempts = () => {
    const mine = model.get("attempts");
    if (!backend || backend.name === "none" || !isObject(mine) || !Object.keys(mine).length) return;
    const current = backend.get();
    const next = withAttempts(current, model.get("key"), mine);
    if (JSON.stringify(next) !== JSON.stringify(current ?? null)) backend.set(next, model.get("save_on_change"));
  };

  // take the ticks the document holds (it is newer than the file the kernel read)
  const follow = () => {
    const { ticks, notes } = readProgress(backend.get(), model.get("key"));
    const known = new Set(allIds(model));
    let changed = false;
    if (ticks) {
      const stale = ticks.filter((id) => !known.has(id));
      if (stale.length) notes.push(`${stale.length} tick(s) for items no longer in this section (kept)`);
      const next = allIds(model).filter((id) => ticks.includes(id));
      if (!sameSet(next, model.get("checked"))) {
        model.set("checked", next);
        changed = true;
      }
    }
    if (notes.length && !model.get("ignored").length) {
      model.set("ignored", notes);
      changed = true;
    }
    return changed;
  };

  model.on("change:checked", () => { draw(); store(); });
  model.on("change:attempts", () => storeAttempts());
  model.on("change:backend", draw);
  model.on("change:groups", draw);
  model.on("change:ignored", draw);
  draw();

  root.addEventListener("course-progress:changed", () => {
    if (backend && follow()) model.save_changes();
  });
  whenAttached(el).then(() => {
    backend = chooseBackend(model, el);
    follow();
    storeAttempts();
    model.set("backend", backend.name);
    model.save_changes();
  });
}

export default { initialize, render };
