import { css } from 'lit';

/** The frame: banner, two columns that fold into one on narrow containers, the stage, the skeleton. */
export const layoutStyles = css`
  .room {
    position: relative;
    padding: var(--pr-gap);
    display: grid;
    gap: var(--pr-gap);
  }
  .layout {
    display: grid;
    gap: var(--pr-gap);
    grid-template-columns: minmax(0, 1fr);
    align-items: start;
  }
  .main,
  .side {
    display: grid;
    gap: var(--pr-gap);
    min-width: 0;
  }
  @container poker-room (min-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(240px, 300px);
    }
  }
  @container poker-room (max-width: 480px) {
    .room {
      --pr-gap: 0.75rem;
      padding: 0.5rem;
    }
    .panel {
      padding: 0.85rem;
    }
  }

  /* Banners */
  .banner {
    position: sticky;
    top: 0.5rem;
    z-index: 3;
    display: flex;
    align-items: center;
    gap: 0.6rem;
    flex-wrap: wrap;
    padding: 0.65rem 1rem;
    border-radius: var(--pr-radius-small);
    border: 1px solid var(--pr-border);
    background: var(--pr-surface);
    font-weight: 600;
    box-shadow: var(--pr-shadow);
  }
  .banner > span:not(.spinner) {
    flex: 1 1 12rem;
  }
  .banner.warning {
    background: var(--pr-warning-soft);
    color: var(--pr-warning);
    border-color: transparent;
  }
  .banner.danger {
    background: var(--pr-danger-soft);
    color: var(--pr-danger);
    border-color: transparent;
  }
  .banner.accent {
    background: var(--pr-accent-soft);
    color: var(--pr-accent-text);
    border-color: transparent;
  }
  .spinner {
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-right-color: transparent;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  /* The stage: story and round actions */
  .stage {
    display: grid;
    gap: 0.9rem;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  .header-text {
    min-width: 0;
    flex: 1 1 16rem;
  }
  .room-name {
    font-size: 0.8rem;
    font-weight: 650;
    color: var(--pr-muted);
    text-transform: uppercase;
    letter-spacing: 0.06em;
    margin-bottom: 0.15rem;
  }
  .header h2 {
    overflow-wrap: anywhere;
  }
  .header h2 a {
    color: inherit;
    text-decoration-color: var(--pr-accent);
    text-underline-offset: 3px;
  }
  .story-description {
    color: var(--pr-muted);
    margin-top: 0.25rem;
    overflow-wrap: anywhere;
  }
  .header-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .timer {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    padding: 0.1rem 0.6rem;
    border-radius: 999px;
    background: var(--pr-surface-2);
    font-size: 0.85rem;
  }
  .timer.urgent {
    background: var(--pr-warning-soft);
    color: var(--pr-warning);
  }
  .round-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  @container poker-room (max-width: 480px) {
    .round-actions .btn {
      flex: 1 1 0;
    }
    .round-actions .btn.primary {
      flex-basis: 100%;
    }
  }

  .muted {
    color: var(--pr-muted);
  }

  /* Skeleton while the first connection is made */
  .skeleton {
    display: grid;
    gap: var(--pr-gap);
  }
  .skeleton span {
    display: block;
    height: 5rem;
    border-radius: var(--pr-radius);
    background: linear-gradient(90deg, var(--pr-surface) 0%, var(--pr-surface-2) 50%, var(--pr-surface) 100%);
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .skeleton span:nth-child(2) {
    height: 9rem;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
`;
