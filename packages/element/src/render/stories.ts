import type { Story } from '@pokerroom/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { currentStory } from '../view-state.js';
import type { RenderContext } from './context.js';

/** The story queue: the current story, those up next, and the estimated ones with their estimates. */
export function renderStories(ctx: RenderContext): TemplateResult {
  const { room, strings, you, actions } = ctx;
  const facilitator = you?.role === 'facilitator';
  const current = currentStory(room);
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
    <ol class="story-list">
      ${room.stories.map((story) => renderStory(ctx, story, story.id === current?.id, facilitator))}
    </ol>
    ${
      facilitator
        ? html`<form class="add-story" @submit=${add}>
          <label class="visually-hidden" for="story-title-input">${strings.storyTitlePlaceholder}</label>
          <input id="story-title-input" name="title" type="text" maxlength="200" placeholder=${strings.storyTitlePlaceholder} />
          <button class="btn small" type="submit">${strings.addStory}</button>
        </form>`
        : nothing
    }
  </section>`;
}

function renderStory(
  ctx: RenderContext,
  story: Story,
  isCurrent: boolean,
  facilitator: boolean,
): TemplateResult {
  const { strings, actions, room } = ctx;
  const status = isCurrent && story.status !== 'estimated' ? 'active' : story.status;
  const label = strings.storyActive;
  // A round nobody has voted in yet (the one a room opens by itself, above all) may be replaced.
  const untouched = room.round?.status !== 'voting' || room.round.voted.length === 0;
  const canStart = facilitator && story.status === 'pending' && !isCurrent && untouched;
  return html`<li class="story ${status}" part="story" data-story=${story.id} aria-current=${isCurrent ? 'step' : 'false'}>
    <span class="story-title">${story.url ? html`<a href=${story.url} target="_blank" rel="noopener">${story.title}</a>` : story.title}</span>
    <span class="story-side">
      ${
        story.estimate !== null
          ? html`<span class="estimate" aria-label=${`${strings.storyEstimated}: ${story.estimate}`}>${story.estimate}</span>`
          : status === 'active'
            ? html`<span class="badge accent">${label}</span>`
            : nothing
      }
      ${
        canStart
          ? html`<button class="btn small quiet" aria-label=${strings.estimateStory(story.title)} @click=${() => actions.startRound(story.id)}>▶</button>`
          : nothing
      }
    </span>
  </li>`;
}
