/**
 * course-progress: a JupyterLab 4 / Notebook 7 plugin that lets the course's checklist
 * widget read and write the `course` metadata of the notebook it is displayed in.
 *
 * The widget (in a notebook cell output) dispatches synchronous DOM CustomEvents from its
 * element; this plugin finds the notebook panel holding that element and answers:
 *
 *   'course-progress:get'  detail: {}                -> detail.value (the metadata), detail.handled
 *   'course-progress:set'  detail: {value, save}     -> detail.handled
 *
 * Writes go through the document model (context.model.setMetadata), so JupyterLab's own
 * save writes the file and no "file changed on disk" conflict can happen. All merging of
 * progress lives in the widget; this plugin only reads and writes the `course` key.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';

const KEY = 'course';
const SAVE_DELAY_MS = 400;

interface IGetDetail {
  value?: unknown;
  handled?: boolean;
}

interface ISetDetail {
  value: unknown;
  save?: boolean;
  handled?: boolean;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'course-progress:plugin',
  description: 'Store course checklist ticks in notebook metadata.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app: JupyterFrontEnd, tracker: INotebookTracker): void => {
    const timers = new WeakMap<NotebookPanel, number>();

    const panelHolding = (target: EventTarget | null): NotebookPanel | null => {
      if (!(target instanceof Node)) {
        return null;
      }
      return tracker.find(panel => panel.node.contains(target)) ?? null;
    };

    const saveSoon = (panel: NotebookPanel): void => {
      window.clearTimeout(timers.get(panel));
      timers.set(
        panel,
        window.setTimeout(() => {
          if (!panel.isDisposed && panel.context.model.dirty) {
            void panel.context.save();
          }
        }, SAVE_DELAY_MS)
      );
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
        saveSoon(panel);
      }
    });
  }
};

export default plugin;
