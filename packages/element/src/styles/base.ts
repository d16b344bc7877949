import { css } from 'lit';

/** The host box, typography, focus ring and the shared controls (buttons, inputs, badges). */
export const baseStyles = css`
  :host {
    display: block;
    container: poker-room / inline-size;
    font-family: var(--pr-font);
    font-size: 15px;
    line-height: 1.45;
    color: var(--pr-text);
    background: var(--pr-bg);
    border-radius: var(--pr-radius);
    -webkit-tap-highlight-color: transparent;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  p,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
    padding: 0;
  }
  ul,
  ol {
    list-style: none;
  }
  h2 {
    font-size: 1.25rem;
    line-height: 1.3;
    font-weight: 700;
    letter-spacing: -0.01em;
  }
  h3 {
    font-size: 0.8rem;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--pr-muted);
  }
  :focus-visible {
    outline: 3px solid var(--pr-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .panel {
    background: var(--pr-surface);
    border: 1px solid var(--pr-border);
    border-radius: var(--pr-radius);
    box-shadow: var(--pr-shadow);
    padding: 1rem;
    min-width: 0;
  }
  .panel > h3 {
    margin-bottom: 0.75rem;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    min-height: 2.5rem;
    padding: 0.45rem 1rem;
    border-radius: 999px;
    border: 1px solid var(--pr-border);
    background: var(--pr-surface);
    font-weight: 600;
    white-space: nowrap;
    transition: background 120ms, border-color 120ms, transform 80ms;
  }
  .btn:hover:not(:disabled) {
    border-color: var(--pr-accent);
  }
  .btn:active:not(:disabled) {
    transform: translateY(1px);
  }
  .btn.primary {
    background: var(--pr-accent);
    border-color: var(--pr-accent);
    color: var(--pr-on-accent);
  }
  .btn.primary:hover:not(:disabled) {
    filter: brightness(1.08);
  }
  .btn.quiet {
    border-color: transparent;
    background: transparent;
    color: var(--pr-accent-text);
  }
  .btn.quiet:hover:not(:disabled) {
    background: var(--pr-accent-soft);
  }
  .btn.small {
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.875rem;
  }
  /* Touch: every control is at least 44 px in both directions (WCAG 2.5.5 target size). */
  @media (pointer: coarse) {
    .btn,
    .btn.small,
    input[type='text'],
    input[type='number'],
    select {
      min-height: 44px;
      min-width: 44px;
    }
  }
  .btn.danger {
    color: var(--pr-danger);
  }
  input[type='text'],
  input[type='number'],
  select {
    min-height: 2.5rem;
    padding: 0.4rem 0.7rem;
    border-radius: var(--pr-radius-small);
    border: 1px solid var(--pr-border);
    background: var(--pr-surface);
    min-width: 0;
  }
  input[type='checkbox'] {
    width: 1.1rem;
    height: 1.1rem;
    accent-color: var(--pr-accent);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.1rem 0.55rem;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 650;
    background: var(--pr-surface-2);
    color: var(--pr-muted);
    white-space: nowrap;
  }
  .badge.accent {
    background: var(--pr-accent-soft);
    color: var(--pr-accent-text);
  }
  .badge.success {
    background: var(--pr-success-soft);
    color: var(--pr-success);
  }
  .badge.warning {
    background: var(--pr-warning-soft);
    color: var(--pr-warning);
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
