import { LIMITS, type Story } from '@pokerroom/protocol';
import { html, type nothing, type TemplateResult } from 'lit';
import { parseStoryList } from '../story-import.js';
import type { RenderContext } from './context.js';

/** The selector of a story's menu button, where focus goes back when its editor closes. */
const menuOf = (storyId: string) => `[data-story="${CSS.escape(storyId)}"] .story-menu summary`;

/** What a story's editor changes, as `story.update` takes it. */
export type StoryChanges = { title?: string; url?: string; description?: string };

/**
 * A story's editor, in place of its row: title, link and description. Escape or Cancel closes it
 * unchanged. The protocol changes a link but cannot remove one, so a story's link stays required.
 */
export function renderStoryEditor(ctx: RenderContext, story: Story): TemplateResult {
  const { strings, actions, queue } = ctx;
  const close = () => queue.edit(null, menuOf(story.id));
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const title = field('title').replace(/\s+/g, ' ');
    const url = field('url');
    const description = field('description');
    const changes: StoryChanges = {
      ...(title !== story.title ? { title } : {}),
      ...(url !== '' && url !== story.url ? { url } : {}),
      ...(description !== (story.description ?? '') ? { description } : {}),
    };
    if (Object.keys(changes).length === 0 || (await actions.updateStory(story.id, changes))) close();
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };
  return html`<form class="story-editor" aria-label=${strings.editStoryLabel(story.title)} @submit=${save} @keydown=${cancelOnEscape}>
    <label class="field" for="story-edit-title">${strings.storyTitle}
      <input id="story-edit-title" name="title" type="text" required maxlength=${LIMITS.titleLength} .value=${story.title} />
    </label>
    <label class="field" for="story-edit-url">${strings.storyLink}
      <input id="story-edit-url" name="url" type="url" inputmode="url" pattern="https?://.+" maxlength=${LIMITS.urlLength}
        placeholder="https://" ?required=${story.url !== undefined} .value=${story.url ?? ''} />
    </label>
    <label class="field" for="story-edit-description">${strings.storyDescription}
      <textarea id="story-edit-description" name="description" rows="3" maxlength=${LIMITS.descriptionLength} .value=${story.description ?? ''}></textarea>
    </label>
    <div class="editor-actions">
      <button class="btn small primary" type="submit">${strings.saveStory}</button>
      <button class="btn small" type="button" @click=${close}>${strings.cancel}</button>
    </div>
  </form>`;
}

/** Pasting a list into the queue: one story per line, or a tracker's CSV export. */
export function renderImport(ctx: RenderContext): TemplateResult | typeof nothing {
  const { strings, actions, room } = ctx;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const list = form.elements.namedItem('list') as HTMLTextAreaElement | null;
    if (list === null) return;
    const { stories } = parseStoryList(list.value);
    const space = LIMITS.maxStories - room.stories.length;
    if (stories.length === 0) return actions.notify(strings.importNothing);
    if (stories.length > space) return actions.notify(strings.importTooMany(stories.length, space));
    if (!(await actions.importStories(stories))) return;
    list.value = '';
    const details = form.closest('details');
    details?.removeAttribute('open');
    details?.querySelector('summary')?.focus();
  };
  return html`<details class="import" part="story-import">
    <summary class="btn small quiet">${strings.importStories}</summary>
    <form class="import-form" @submit=${submit}>
      <label class="field" for="story-import-text">${strings.importLabel}</label>
      <p id="story-import-hint" class="hint">${strings.importHint}</p>
      <textarea id="story-import-text" name="list" rows="5" required aria-describedby="story-import-hint"></textarea>
      <button class="btn small primary" type="submit">${strings.importButton}</button>
    </form>
  </details>`;
}
