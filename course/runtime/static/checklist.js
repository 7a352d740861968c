// Course checklist (anywidget ESM). Ticks are stored in the notebook's own metadata:
//   metadata.course.progress[<section>] = [<ticked item ids>]
// Where to store them, in order of preference:
//   1. the course-progress JupyterLab extension (public document-model API), reached with
//      synchronous DOM CustomEvents 'course-progress:get' / 'course-progress:set';
//   2. the ipywidgets manager's document context (model.widget_manager.context), which
//      JupyterLab 4 and Notebook 7 expose but do not document;
//   3. nowhere (VS Code, nbclient...): the widget says so in one line.
const NS = "course";
const SAVE_DELAY_MS = 400;

function ask(el, type, detail) {
  const ev = new CustomEvent(type, { bubbles: true, detail });
  el.dispatchEvent(ev);
  return ev.detail;
}

function readProgress(meta, key) {
  if (!meta || typeof meta !== "object") return null;
  const progress = meta.progress;
  if (!progress || typeof progress !== "object" || Array.isArray(progress)) return null;
  const value = progress[key];
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : null;
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
  let timer;
  return {
    name: "widget-manager-context",
    get: (key) => readProgress(ctx.model.getMetadata(NS), key),
    set: (key, value, save) => {
      const current = ctx.model.getMetadata(NS);
      const meta = current && typeof current === "object" && !Array.isArray(current) ? structuredClone(current) : {};
      if (!meta.progress || typeof meta.progress !== "object" || Array.isArray(meta.progress)) meta.progress = {};
      if (JSON.stringify(meta.progress[key]) === JSON.stringify(value)) return;
      meta.progress[key] = value;
      ctx.model.setMetadata(NS, meta);
      if (save) {
        clearTimeout(timer);
        timer = setTimeout(() => { if (ctx.model.dirty) ctx.save(); }, SAVE_DELAY_MS);
      }
    },
  };
}

function chooseBackend(model, el) {
  if (ask(el, "course-progress:get", { key: model.get("key") }).handled) {
    return {
      name: "labextension",
      get: (key) => ask(el, "course-progress:get", { key }).value,
      set: (key, value, save) => ask(el, "course-progress:set", { key, value, save }),
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

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "course-checklist";
  el.append(root);
  let backend = null;
  const open = new Set();

  const draw = () => {
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
      box.addEventListener("toggle", () => (box.open ? open.add(group.id) : open.delete(group.id)));
      const summary = document.createElement("summary");
      const gdone = group.items.filter((i) => checked.has(i.id)).length;
      summary.textContent = `${group.title} (${gdone}/${group.items.length})`;
      box.append(summary);
      for (const item of group.items) {
        const row = document.createElement("label");
        row.className = "course-checklist-item";
        row.style.paddingLeft = `${1.2 * item.depth}em`;
        const cb = document.createElement("input");
        cb.type = "checkbox";
        cb.dataset.item = item.id;
        cb.checked = checked.has(item.id);
        cb.addEventListener("change", () => {
          const now = new Set(model.get("checked"));
          if (cb.checked) now.add(item.id); else now.delete(item.id);
          const order = model.get("groups").flatMap((g) => g.items.map((i) => i.id));
          model.set("checked", order.filter((id) => now.has(id)));
          model.save_changes();
        });
        const text = document.createElement("span");
        text.textContent = item.label.replace(/`/g, "");
        if (item.exercises && item.exercises.length) text.title = "Ticks itself when its exercise's tests pass";
        row.append(cb, text);
        box.append(row);
      }
      root.append(box);
    }

    const notes = [];
    if (model.get("backend") === "none") {
      notes.push("Progress cannot be saved in this editor: open the notebook in JupyterLab or Notebook 7 to keep your ticks.");
    }
    const ignored = model.get("ignored");
    if (ignored.length) notes.push("Ignored saved progress: " + ignored.join("; "));
    for (const note of notes) {
      const div = document.createElement("div");
      div.className = "course-checklist-note";
      div.textContent = note;
      root.append(div);
    }
  };

  model.on("change:checked", () => {
    draw();
    if (backend) backend.set(model.get("key"), model.get("checked"), model.get("save_on_change"));
  });
  model.on("change:backend", draw);
  model.on("change:groups", draw);
  model.on("change:ignored", draw);
  draw();

  whenAttached(el).then(() => {
    backend = chooseBackend(model, el);
    if (!model.get("restored")) {
      const live = backend.get(model.get("key"));
      if (Array.isArray(live)) {
        // the open document is newer than what the kernel read from disk
        const known = new Set(model.get("groups").flatMap((g) => g.items.map((i) => i.id)));
        const kept = live.filter((id) => known.has(id));
        const stale = live.filter((id) => !known.has(id));
        if (stale.length) model.set("ignored", [...model.get("ignored"), `${stale.length} tick(s) for items no longer in this section`]);
        model.set("checked", kept);
      }
      model.set("restored", true);
    }
    model.set("backend", backend.name);
    model.save_changes();
  });
}

export default { render };
