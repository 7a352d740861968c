/**
 * course-progress: a JupyterLab 4 / Notebook 7 plugin for the course's checklist widget.
 *
 * 1. Ticks. The widget (in a notebook cell output) dispatches synchronous DOM CustomEvents
 *    from its element; this plugin finds the notebook panel holding that element and answers:
 *
 *      'course-progress:get'  detail: {}                -> detail.value (the metadata), detail.handled
 *      'course-progress:set'  detail: {value, save}     -> detail.handled
 *
 *    Writes go through the document model (context.model.setMetadata), so JupyterLab's own
 *    save writes the file and no "file changed on disk" conflict can happen. When the `course`
 *    metadata changes, every checklist in the notebook gets 'course-progress:changed' and
 *    reads it again. All merging of progress, and the saving (checklist.js's saveSoon), live in
 *    the widget's module.
 *
 * 2. Saved checklists. The widget's output also carries CHECKLIST_MIME (key and groups). Its
 *    renderer ranks ahead of the widget renderer, which would show "Error displaying widget:
 *    model not found" once the widget's model is gone (a saved notebook reopened): it shows the
 *    live widget while the model exists in this page (checklist.js's `initialize` announces it
 *    with 'course-progress:instance'), and otherwise draws the same checklist from the notebook
 *    metadata with checklist.js and a stand-in model, so ticks work before the cell runs.
 *
 * 3. A clean document on open. Starting a kernel rewrites `language_info` (version and more)
 *    in the notebook metadata; in a course notebook that alone does not make it "unsaved".
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Panel, Widget } from '@lumino/widgets';
// @ts-ignore: the widget's own plain-JavaScript module, bundled here
import checklist, { saveSoon } from '../../course/runtime/static/checklist.js';
// @ts-ignore: its stylesheet (the widget loads it only while it is alive)
import '../../course/runtime/static/checklist.css';

const KEY = 'course';
const CHECKLIST_MIME = 'application/vnd.course.checklist+json';
const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';
const RANK = -20; // ipywidgets registers its renderer at -10; the lowest rank wins

interface IGetDetail {
  value?: unknown;
  handled?: boolean;
}

interface ISetDetail {
  value: unknown;
  save?: boolean;
  handled?: boolean;
}

interface IChecklistData {
  key: string;
  groups: unknown[];
  instance?: string;
}

/** Checklist widget models alive in this page, and renderers waiting for news of them. */
const alive = new Set<string>();
const watchers = new Set<(id: string) => void>();

/** Just enough of a widget model for checklist.js to draw and tick from the metadata. */
class StandInModel {
  private handlers = new Map<string, Array<() => void>>();
  constructor(private values: Record<string, unknown>) {}
  get(name: string): unknown {
    return this.values[name];
  }
  set(name: string, value: unknown): void {
    this.values[name] = value;
    for (const handler of this.handlers.get(`change:${name}`) ?? []) {
      handler();
    }
  }
  on(event: string, handler: () => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  save_changes(): void {
    // nothing to synchronise: there is no kernel-side model
  }
}

class ChecklistOutput extends Panel implements IRenderMime.IRenderer {
  private mimeModel: IRenderMime.IMimeModel | null = null;
  private view = '';

  constructor(private readonly notebook: NotebookPanel) {
    super();
    this.addClass('course-checklist-output');
    watchers.add(this.onNews);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.mimeModel = model;
    await this.refresh();
  }

  dispose(): void {
    watchers.delete(this.onNews);
    super.dispose();
  }

  private onNews = (id: string): void => {
    const data = this.mimeModel?.data[CHECKLIST_MIME] as IChecklistData | undefined;
    if (!this.isDisposed && data?.instance === id) {
      void this.refresh();
    }
  };

  private async refresh(): Promise<void> {
    const model = this.mimeModel!;
    const data = model.data[CHECKLIST_MIME] as unknown as IChecklistData;
    const live = model.trusted && WIDGET_MIME in model.data && alive.has(data.instance ?? '');
    const view = live ? 'widget' : 'saved';
    if (view === this.view) {
      return;
    }
    this.view = view;
    this.node.dataset.view = view;
    for (const child of [...this.widgets]) {
      child.dispose();
    }
    if (live) {
      const renderer = this.notebook.content.rendermime.createRenderer(WIDGET_MIME);
      this.addWidget(renderer);
      await renderer.renderModel(model);
    } else {
      this.addWidget(new SavedChecklist(data));
    }
  }
}

/** checklist.js drawn from the metadata; only once attached (it finds its notebook from there). */
class SavedChecklist extends Widget {
  private drawn = false;

  constructor(private readonly data: IChecklistData) {
    super();
  }

  protected onAfterAttach(): void {
    if (!this.drawn) {
      this.drawn = true;
      const values = { key: this.data.key, groups: this.data.groups, checked: [], ignored: [], backend: '' };
      checklist.render({ model: new StandInModel({ ...values, save_on_change: true }), el: this.node });
    }
  }
}

class CourseNotebook implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel> {
  createNew(panel: NotebookPanel, context: DocumentRegistry.IContext<INotebookModel>): void {
    panel.content.rendermime.addFactory(
      { safe: true, mimeTypes: [CHECKLIST_MIME], createRenderer: () => new ChecklistOutput(panel) },
      RANK
    );
    let kernelInfoOnly = false;
    context.model.metadataChanged.connect((model, change) => {
      if (change.key === KEY) {
        panel.node
          .querySelectorAll('.course-checklist')
          .forEach(view => view.dispatchEvent(new CustomEvent('course-progress:changed')));
      } else if (change.key === 'language_info' && !model.dirty && model.getMetadata(KEY) !== undefined) {
        kernelInfoOnly = true; // the dirty flag follows within this task
        queueMicrotask(() => (kernelInfoOnly = false));
      }
    });
    context.model.stateChanged.connect((model, change) => {
      if (change.name === 'dirty' && change.newValue && kernelInfoOnly) {
        kernelInfoOnly = false;
        model.dirty = false;
      }
    });
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'course-progress:plugin',
  description: 'Store course checklist ticks in notebook metadata and show saved checklists.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker): void => {
    app.docRegistry.addWidgetExtension('Notebook', new CourseNotebook());

    document.addEventListener('course-progress:instance', (event: Event) => {
      const { id, live } = (event as CustomEvent<{ id: string; live: boolean }>).detail;
      if (live) {
        alive.add(id);
      } else {
        alive.delete(id);
      }
      for (const watcher of [...watchers]) {
        watcher(id);
      }
    });

    const panelHolding = (target: EventTarget | null): NotebookPanel | null => {
      if (!(target instanceof Node)) {
        return null;
      }
      return tracker.find(panel => panel.node.contains(target)) ?? null;
    };

    document.addEventListener('course-progress:get', (event: Event) => {
      const detail = (event as CustomEvent<IGetDetail>).detail;
      const panel = panelHolding(event.target);
      if (panel && detail) {
        const value = panel.context.model.getMetadata(KEY);
        detail.value = value === undefined ? null : structuredClone(value);
        detail.handled = true;
      }
    });

    document.addEventListener('course-progress:set', (event: Event) => {
      const detail = (event as CustomEvent<ISetDetail>).detail;
      const panel = panelHolding(event.target);
      if (!panel || !detail) {
        return;
      }
      detail.handled = true;
      const before = JSON.stringify(panel.context.model.getMetadata(KEY) ?? null);
      if (before === JSON.stringify(detail.value)) {
        return;
      }
      panel.context.model.setMetadata(KEY, structuredClone(detail.value) as any);
      if (detail.save) {
        saveSoon(panel.context);
      }
    });
  }
};

export default plugin;
