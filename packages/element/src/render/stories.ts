import type { Story } from '@pokerroom/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { linkOf } from '../story-import.js';
import { handleOf } from '../story-queue.js';
import { currentStory } from '../view-state.js';
import type { RenderContext } from './context.js';
import { renderImport, renderStoryEditor } from './story-editor.js';

/**
 * The story queue: the current story, those up next, and the estimated ones with their estimates.
 * Facilitators also add, import, edit, remove and reorder stories (drag a row's handle, or
 * Alt+Up/Down arrow); everyone else reads the queue as it is.
 */
export function renderStories(ctx: RenderContext): TemplateResult {
  const { room, strings, you, actions, queue } = ctx;
  const facilitator = you?.role === 'facilitator';
  const current = currentStory(room);
  const stories = queue.ordered(room.stories);
  const add = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('title') as HTMLInputElement | null;
    const title = input?.value.trim() ?? '';
    if (title === '' || input === null) return;
    actions.addStory(title);
    input.value = '';
  };
  return html`<section part="stories" class="panel stories" aria-labelledby="stories-heading">
    <h3 id="stories-heading">${strings.storiesHeading}</h3>
    ${room.stories.length === 0 ? html`<p class="muted">${strings.noStories}</p>` : nothing}
    ${facilitator && stories.length > 1 ? html`<p id="reorder-hint" class="hint">${strings.reorderHint}</p>` : nothing}
    <ol class="story-list">
      ${repeat(
        stories,
        (story) => story.id,
        (story, index) => renderStory(ctx, story, index, stories, story.id === current?.id, facilitator),
      )}
    </ol>
    ${
      facilitator
        ? html`<form class="add-story" @submit=${add}>
          <label class="visually-hidden" for="story-title-input">${strings.storyTitlePlaceholder}</label>
          <input id="story-title-input" name="title" type="text" maxlength="200" placeholder=${strings.storyTitlePlaceholder} />
          <button class="btn small" type="submit">${strings.addStory}</button>
        </form>
        ${renderImport(ctx)}`
        : nothing
    }
  </section>`;
}

function renderStory(
  ctx: RenderContext,
  story: Story,
  index: number,
  stories: readonly Story[],
  isCurrent: boolean,
  facilitator: boolean,
): TemplateResult {
  const { strings, actions, room, queue } = ctx;
  const status = isCurrent && story.status !== 'estimated' ? 'active' : story.status;
  if (facilitator && queue.editing === story.id) {
    return html`<li class="story editing" part="story" data-story=${story.id}>${renderStoryEditor(ctx, story)}</li>`;
  }
  // A round nobody has voted in yet (the one a room opens by itself, above all) may be replaced.
  const untouched = room.round?.status !== 'voting' || room.round.voted.length === 0;
  const canStart = facilitator && story.status === 'pending' && !isCurrent && untouched;
  const url = story.url === undefined ? null : linkOf(story.url);
  const keys = (event: KeyboardEvent) => {
    const delta = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    const onHandle = (event.target as Element).classList.contains('drag-handle');
    if (delta === 0 || !(event.altKey || onHandle)) return;
    event.preventDefault();
    queue.move(room.stories, story.id, delta);
  };
  return html`<li class="story ${status} ${queue.dragging === story.id ? 'dragging' : ''}" part="story"
    data-story=${story.id} aria-current=${isCurrent ? 'step' : 'false'} @keydown=${facilitator ? keys : null}>
    ${
      facilitator
        ? html`<button class="drag-handle btn small quiet" type="button" aria-label=${strings.moveStory(story.title)}
            aria-describedby=${stories.length > 1 ? 'reorder-hint' : nothing} aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            @pointerdown=${(event: PointerEvent) => queue.startDrag(event, room.stories, story.id)}><span aria-hidden="true">⠿</span></button>`
        : nothing
    }
    <span class="story-title">${url ? html`<a href=${url} target="_blank" rel="noopener">${story.title}</a>` : story.title}</span>
    <span class="story-side">
      ${
        story.estimate !== null
          ? html`<span class="estimate" aria-label=${`${strings.storyEstimated}: ${story.estimate}`}>${story.estimate}</span>`
          : status === 'active'
            ? html`<span class="badge accent">${strings.storyActive}</span>`
            : nothing
      }
      ${
        canStart
          ? html`<button class="btn small quiet" aria-label=${strings.estimateStory(story.title)} @click=${() => actions.startRound(story.id)}>▶</button>`
          : nothing
      }
      ${facilitator ? renderStoryMenu(ctx, story, index, stories.length) : nothing}
    </span>
  </li>`;
}

/** A story's menu: edit, move up or down (the keyboard's other way to reorder), remove. */
function renderStoryMenu(ctx: RenderContext, story: Story, index: number, count: number): TemplateResult {
  const { strings, actions, queue, room } = ctx;
  const choose = (event: Event, action: () => void) => {
    (event.target as Element).closest('details')?.removeAttribute('open');
    action();
  };
  const remove = () => {
    const ids = queue.ordered(room.stories).map((s) => s.id);
    const neighbour = ids[index + 1] ?? ids[index - 1];
    queue.focusLater(neighbour === undefined ? '#story-title-input' : handleOf(neighbour));
    actions.removeStory(story);
  };
  const edit = () => queue.edit(story.id, '#story-edit-title');
  return html`<details class="manage story-menu">
    <summary class="btn small quiet" aria-label=${strings.storyMenu(story.title)}><span aria-hidden="true">⋯</span></summary>
    <div class="menu">
      <button class="btn small" data-action="edit-story" @click=${(e: Event) => choose(e, edit)}>${strings.editStory}</button>
      ${
        index > 0
          ? html`<button class="btn small" data-action="move-up" @click=${(e: Event) => choose(e, () => queue.move(room.stories, story.id, -1))}>${strings.moveUp}</button>`
          : nothing
      }
      ${
        index < count - 1
          ? html`<button class="btn small" data-action="move-down" @click=${(e: Event) => choose(e, () => queue.move(room.stories, story.id, 1))}>${strings.moveDown}</button>`
          : nothing
      }
      <button class="btn small danger" data-action="remove-story" @click=${(e: Event) => choose(e, remove)}>${strings.removeStory}</button>
    </div>
  </details>`;
}
