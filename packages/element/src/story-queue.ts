import type { Story } from '@pokerroom/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the queue asks of the element: the reorder command, and the live region. */
export interface QueueHooks {
  /** Sends the new order; resolves `true` once the server accepted it. */
  reorder(storyIds: string[]): Promise<boolean>;
  /** Tells screen readers where the story went (1-based position). */
  moved(story: Story, position: number, count: number): void;
}

/**
 * The facilitator's work on the story queue that isn't room state yet: the story being edited,
 * a drag in progress, and an order sent but not yet acknowledged (shown at once, so a drag or a
 * key press never snaps back while the server answers). Focus follows a moved or removed story.
 */
export class StoryQueue implements ReactiveController {
  #editing: string | null = null;
  /** The id of the story being dragged. */
  dragging: string | null = null;
  #order: string[] | null = null;
  #dragStart: string[] = [];
  #list: Element | null = null;
  #focus: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly hooks: QueueHooks,
  ) {
    host.addController(this);
  }

  /** The id of the story whose editor is open. */
  get editing(): string | null {
    return this.#editing;
  }

  /** Opens a story's editor (or closes it, with `null`), then focuses `focus`. */
  edit(storyId: string | null, focus: string): void {
    this.#editing = storyId;
    this.#focus = focus;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const focus = this.#focus;
    if (focus === null) return;
    this.#focus = null;
    this.host.shadowRoot?.querySelector<HTMLElement>(focus)?.focus();
  }

  hostDisconnected(): void {
    this.#stopDrag();
  }

  /** The stories in the order to show: the local order while one is pending, else the room's. */
  ordered(stories: readonly Story[]): Story[] {
    const order = this.#order;
    if (order === null) return [...stories];
    const byId = new Map(stories.map((story) => [story.id, story]));
    // The queue changed under us (a story added or removed): the room's order wins.
    if (order.length !== stories.length || !order.every((id) => byId.has(id))) {
      this.#order = null;
      return [...stories];
    }
    return order.flatMap((id) => byId.get(id) ?? []);
  }

  /** Moves a story by `delta` places (keyboard and the move buttons); focus stays on its handle. */
  move(stories: readonly Story[], storyId: string, delta: number): void {
    const ids = this.ordered(stories).map((story) => story.id);
    const from = ids.indexOf(storyId);
    const to = Math.max(0, Math.min(ids.length - 1, from + delta));
    if (from < 0 || to === from) return;
    ids.splice(to, 0, ...ids.splice(from, 1));
    this.focusLater(handleOf(storyId));
    this.#send(stories, ids, storyId);
  }

  /** Focuses `selector` (inside the element) after the next render. */
  focusLater(selector: string): void {
    this.#focus = selector;
  }

  /** Starts dragging a story by its handle, with a mouse, a pen or a finger. */
  startDrag(event: PointerEvent, stories: readonly Story[], storyId: string): void {
    if (event.button !== 0 || this.dragging !== null) return;
    event.preventDefault();
    this.#list = (event.currentTarget as Element).closest('ol');
    this.dragging = storyId;
    this.#dragStart = this.ordered(stories).map((story) => story.id);
    this.#order = [...this.#dragStart];
    const move = (e: PointerEvent) => this.#dragTo(e.clientY);
    const end = (e: Event) => {
      this.#stopDrag();
      if (e.type === 'pointercancel') this.#order = null;
      else if (this.#order !== null) this.#send(stories, this.#order, storyId);
      this.host.requestUpdate();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    this.#stopDrag = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      this.dragging = null;
      this.#stopDrag = () => {};
    };
    this.host.requestUpdate();
  }

  #stopDrag: () => void = () => {};

  /** Puts the dragged story where the pointer is: before the first row whose middle is below it. */
  #dragTo(y: number): void {
    const dragged = this.dragging;
    const order = this.#order;
    if (dragged === null || order === null || this.#list === null) return;
    const rows = [...this.#list.querySelectorAll<HTMLElement>(':scope > li[data-story]')].filter(
      (row) => row.dataset.story !== dragged,
    );
    const index = rows.findIndex((row) => {
      const box = row.getBoundingClientRect();
      return y < box.top + box.height / 2;
    });
    const others = order.filter((id) => id !== dragged);
    others.splice(index < 0 ? others.length : index, 0, dragged);
    if (others.every((id, i) => order[i] === id)) return;
    this.#order = others;
    this.host.requestUpdate();
  }

  #send(stories: readonly Story[], ids: string[], storyId: string): void {
    if (ids.every((id, i) => stories[i]?.id === id)) {
      this.#order = null;
      return;
    }
    this.#order = ids;
    const story = stories.find((s) => s.id === storyId);
    if (story !== undefined) this.hooks.moved(story, ids.indexOf(storyId) + 1, ids.length);
    this.host.requestUpdate();
    void this.hooks.reorder(ids).then(() => {
      // Accepted (the room now has this order) or refused (the room's order stands): show the room's.
      if (this.#order === ids && this.dragging === null) {
        this.#order = null;
        this.host.requestUpdate();
      }
    });
  }
}

/** The selector of a story's drag handle. */
export function handleOf(storyId: string): string {
  return `[data-story="${CSS.escape(storyId)}"] .drag-handle`;
}
