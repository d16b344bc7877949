import { css } from 'lit';

/** Participants, the deck, reactions, stories and settings. */
export const partStyles = css`
  /* Participants */
  .participants h3 .count {
    font-weight: 600;
    color: var(--pr-muted);
    margin-left: 0.25rem;
  }
  .participants-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: 0.75rem;
  }
  .participants-head h3 {
    margin: 0;
  }
  .people {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16.5rem), 1fr));
  }
  .person {
    position: relative;
    display: flex;
    align-items: center;
    gap: 0.65rem;
    padding: 0.55rem 0.65rem;
    border-radius: var(--pr-radius-small);
    background: var(--pr-surface-2);
    min-width: 0;
  }
  .person.offline .person-name {
    color: var(--pr-muted);
  }
  .avatar-wrap {
    position: relative;
    flex: none;
  }
  .avatar {
    display: grid;
    place-items: center;
    width: 2.4rem;
    height: 2.4rem;
    border-radius: 50%;
    font-weight: 700;
    font-size: 0.9rem;
    color: #fff;
    background: #4f46e5;
    object-fit: cover;
  }
  .avatar.c1 { background: #0f766e; }
  .avatar.c2 { background: #b45309; }
  .avatar.c3 { background: #be185d; }
  .avatar.c4 { background: #1d4ed8; }
  .avatar.c5 { background: #7c3aed; }
  .avatar.c6 { background: #047857; }
  .avatar.c7 { background: #9a3412; }
  .presence-dot {
    position: absolute;
    right: -1px;
    bottom: -1px;
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 50%;
    border: 2px solid var(--pr-surface-2);
    background: #9aa1b2;
  }
  .presence-dot.online {
    background: #22c55e;
  }
  .presence-dot.away {
    background: #f59e0b;
  }
  .reaction-bubble {
    position: absolute;
    top: -0.9rem;
    right: -0.9rem;
    font-size: 1.3rem;
    line-height: 1;
    padding: 0.2rem;
    border-radius: 999px;
    background: var(--pr-surface);
    box-shadow: var(--pr-shadow);
    animation: pop 300ms cubic-bezier(0.2, 1.4, 0.5, 1);
  }
  @keyframes pop {
    from {
      transform: scale(0.3) translateY(6px);
      opacity: 0;
    }
  }
  .person-text {
    display: grid;
    min-width: 0;
    flex: 1;
  }
  .person-name {
    font-weight: 650;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .you {
    font-weight: 500;
    color: var(--pr-muted);
  }
  .person-meta {
    display: flex;
    gap: 0.35rem;
    font-size: 0.78rem;
    color: var(--pr-muted);
    white-space: nowrap;
  }
  .role.not-voting {
    font-style: italic;
  }
  .role.facilitator {
    color: var(--pr-accent-text);
    font-weight: 650;
  }
  .mini-card {
    flex: none;
    display: grid;
    place-items: center;
    width: 1.9rem;
    height: 2.6rem;
    border-radius: 6px;
    font-weight: 750;
    font-size: 0.9rem;
  }
  .mini-card.back {
    background: repeating-linear-gradient(45deg, var(--pr-accent) 0 5px, color-mix(in srgb, var(--pr-accent) 75%, var(--pr-surface)) 5px 10px);
    border: 2px solid var(--pr-surface);
    box-shadow: 0 0 0 1px var(--pr-accent);
  }
  .mini-card.empty {
    border: 2px dashed var(--pr-border);
  }
  .mini-card.face {
    background: var(--pr-surface);
    border: 2px solid var(--pr-accent);
    color: var(--pr-text);
    animation: flip 360ms ease-out;
  }
  @keyframes flip {
    from {
      transform: rotateY(90deg);
    }
  }
  .manage {
    position: relative;
    flex: none;
  }
  .manage summary {
    list-style: none;
    min-height: 1.75rem;
    min-width: 1.75rem;
    padding: 0;
    font-size: 1.1rem;
  }
  @media (pointer: coarse) {
    .manage summary {
      min-height: 44px;
      min-width: 44px;
    }
  }
  .manage summary::-webkit-details-marker {
    display: none;
  }
  .manage .menu {
    position: absolute;
    right: 0;
    top: calc(100% + 0.25rem);
    z-index: 2;
    display: grid;
    gap: 0.35rem;
    padding: 0.5rem;
    border-radius: var(--pr-radius-small);
    background: var(--pr-surface);
    border: 1px solid var(--pr-border);
    box-shadow: var(--pr-shadow-raised);
  }
  .manage .menu .btn {
    white-space: nowrap;
  }
  .manage .rename {
    min-width: 12rem;
  }
  .manage .rename label {
    font-size: 0.85rem;
    color: var(--pr-muted);
  }

  /* Deck */
  .closed-round .deck-head {
    margin: 0;
  }
  .deck-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin-bottom: 0.85rem;
  }
  .deck-status {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    font-size: 0.9rem;
    color: var(--pr-muted);
  }
  .not-voting .deck-head {
    margin: 0;
    align-items: center;
  }
  .voting-switch {
    display: inline-flex;
    align-items: center;
    gap: 0.45rem;
    margin-left: auto;
  }
  .switch-track {
    position: relative;
    width: 2.1rem;
    height: 1.2rem;
    border-radius: 999px;
    border: 1px solid var(--pr-border);
    background: var(--pr-surface-2);
    transition: background 0.15s;
  }
  .switch-thumb {
    position: absolute;
    top: 0.1rem;
    left: 0.1rem;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 50%;
    background: var(--pr-muted);
    transition: transform 0.15s;
  }
  .voting-switch[aria-pressed='true'] .switch-track {
    background: var(--pr-accent);
    border-color: var(--pr-accent);
  }
  .voting-switch[aria-pressed='true'] .switch-thumb {
    transform: translateX(0.9rem);
    background: var(--pr-on-accent);
  }
  .deck-status.voted {
    color: var(--pr-text);
    font-weight: 600;
  }
  .deck-status.pending {
    color: var(--pr-warning);
    font-weight: 600;
  }
  .deck {
    display: flex;
    flex-wrap: wrap;
    gap: 0.55rem;
    padding-top: 0.4rem;
  }
  .card {
    position: relative;
    flex: none;
    width: var(--pr-card-width);
    height: var(--pr-card-height);
    border-radius: var(--pr-radius-small);
    border: 1.5px solid var(--pr-border);
    background: var(--pr-surface);
    color: var(--pr-text);
    box-shadow: var(--pr-shadow);
    padding: 0;
    transition: transform 140ms ease, background 140ms, border-color 140ms, box-shadow 140ms;
    touch-action: manipulation;
  }
  .card .face {
    display: grid;
    place-items: center;
    height: 100%;
    font-size: 1.35rem;
    font-weight: 750;
  }
  .card .corner {
    position: absolute;
    top: 0.2rem;
    left: 0.3rem;
    font-size: 0.6rem;
    font-weight: 700;
    color: var(--pr-muted);
  }
  .card:hover:not(:disabled) {
    border-color: var(--pr-accent);
    transform: translateY(-3px);
  }
  .card.selected {
    background: var(--pr-accent);
    border-color: var(--pr-accent);
    color: var(--pr-on-accent);
    transform: translateY(-6px);
    box-shadow: var(--pr-shadow-raised);
  }
  .card.selected .corner {
    color: var(--pr-on-accent);
  }
  .card.pending {
    border-style: dashed;
    animation: pulse 1.2s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.7;
    }
  }
  .card:disabled {
    opacity: 1;
    background: var(--pr-surface-2);
    color: var(--pr-muted);
    box-shadow: none;
  }
  .card:disabled .corner {
    color: var(--pr-muted);
  }
  @container poker-room (max-width: 480px) {
    .deck {
      gap: 0.45rem;
      justify-content: flex-start;
    }
    .card {
      width: calc((100% - 4 * 0.45rem) / 5);
      height: 4.2rem;
    }
    .card .face {
      font-size: 1.2rem;
    }
  }

  /* Reactions */
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .reaction {
    width: 2.25rem;
    height: 2.25rem;
    padding: 0;
    border-radius: 50%;
    border: 1px solid var(--pr-border);
    background: var(--pr-surface);
    font-size: 1.2rem;
    line-height: 1;
    transition: transform 100ms;
  }
  @media (pointer: coarse) {
    .reaction {
      width: 44px;
      height: 44px;
    }
  }
  .reaction:hover:not(:disabled) {
    transform: scale(1.12);
  }

  /* Stories */
  .story-list {
    display: grid;
    gap: 0.35rem;
  }
  .story {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.65rem;
    border-radius: var(--pr-radius-small);
    border-left: 3px solid transparent;
  }
  .story.active {
    background: var(--pr-accent-soft);
    border-left-color: var(--pr-accent);
    font-weight: 650;
  }
  .story.estimated .story-title {
    color: var(--pr-muted);
  }
  .story-title {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .story-title a {
    color: inherit;
  }
  .story-side {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    flex: none;
  }
  .estimate {
    min-width: 2rem;
    text-align: center;
    padding: 0.1rem 0.5rem;
    border-radius: 6px;
    font-weight: 750;
    background: var(--pr-success-soft);
    color: var(--pr-success);
  }
  .add-story {
    display: flex;
    gap: 0.4rem;
    margin-top: 0.75rem;
  }
  .add-story input {
    flex: 1;
  }
  .hint {
    margin: 0 0 0.5rem;
    font-size: 0.8rem;
    color: var(--pr-muted);
  }
  .story .story-title {
    flex: 1;
  }
  .drag-handle {
    flex: none;
    min-width: 1.75rem;
    padding: 0;
    color: var(--pr-muted);
    font-size: 1.1rem;
    cursor: grab;
    /* The handle drags; without this a finger on it would scroll the page instead. */
    touch-action: none;
  }
  .story.dragging {
    background: var(--pr-surface-2);
    box-shadow: var(--pr-shadow-raised);
  }
  .story.dragging .drag-handle {
    cursor: grabbing;
  }
  .story.editing {
    display: block;
  }
  .story-editor,
  .import-form {
    display: grid;
    gap: 0.6rem;
  }
  .story-editor input,
  .story-editor textarea,
  .import-form textarea {
    width: 100%;
    min-height: 2.5rem;
    padding: 0.4rem 0.7rem;
    border-radius: var(--pr-radius-small);
    border: 1px solid var(--pr-border);
    background: var(--pr-surface);
    color: inherit;
    font: inherit;
    font-weight: 400;
  }
  .editor-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .import {
    margin-top: 0.5rem;
  }
  .import summary {
    list-style: none;
    display: inline-flex;
  }
  .import summary::-webkit-details-marker {
    display: none;
  }
  .import-form {
    margin-top: 0.5rem;
  }
  .import-form .hint {
    margin: 0;
  }
  @media (pointer: coarse) {
    .drag-handle,
    .story-editor input {
      min-width: 44px;
      min-height: 44px;
    }
  }

  /* Settings */
  .settings summary {
    cursor: pointer;
    list-style: none;
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .settings summary::-webkit-details-marker {
    display: none;
  }
  .settings summary::after {
    content: '▾';
    color: var(--pr-muted);
  }
  .settings[open] summary::after {
    transform: rotate(180deg);
  }
  .settings form {
    display: grid;
    gap: 0.7rem;
    margin-top: 0.85rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.9rem;
  }
`;
