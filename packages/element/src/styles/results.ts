import { css } from 'lit';

/** The reveal: figures, distribution bars, consensus, outliers, finalize. */
export const resultStyles = css`
  .results {
    display: grid;
    gap: 1rem;
    animation: rise 320ms ease-out;
  }
  @keyframes rise {
    from {
      transform: translateY(8px);
      opacity: 0;
    }
  }
  .results.consensus {
    border-color: var(--pr-success);
    box-shadow: 0 0 0 3px var(--pr-success-soft), var(--pr-shadow);
  }
  .results-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .results-head h3 {
    margin: 0;
  }
  .consensus-badge {
    font-size: 0.85rem;
    padding: 0.2rem 0.75rem;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
    gap: 0.5rem;
  }
  .figure {
    padding: 0.6rem 0.75rem;
    border-radius: var(--pr-radius-small);
    background: var(--pr-surface-2);
  }
  .figure dt {
    font-size: 0.75rem;
    font-weight: 650;
    color: var(--pr-muted);
    text-transform: uppercase;
    letter-spacing: 0.05em;
  }
  .figure dd {
    font-size: 1.6rem;
    font-weight: 800;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .figure[data-figure='median'] {
    background: var(--pr-accent-soft);
  }
  .figure[data-figure='median'] dd {
    color: var(--pr-accent-text);
  }
  @container poker-room (max-width: 480px) {
    .figures {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .figure dd {
      font-size: 1.3rem;
    }
  }
  .bars {
    display: grid;
    gap: 0.4rem;
  }
  .bar-row {
    display: grid;
    grid-template-columns: 2.6rem minmax(0, 1fr) 1.6rem;
    align-items: center;
    gap: 0.6rem;
  }
  .bar-label {
    display: grid;
    place-items: center;
    height: 2rem;
    border-radius: 6px;
    border: 1.5px solid var(--pr-border);
    background: var(--pr-surface);
    font-weight: 750;
  }
  .bar-track {
    height: 0.9rem;
    border-radius: 999px;
    background: var(--pr-surface-2);
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    border-radius: 999px;
    background: color-mix(in srgb, var(--pr-accent) 55%, var(--pr-surface-2));
    transition: width 400ms ease-out;
  }
  .bar-row.mode .bar {
    background: var(--pr-accent);
  }
  .bar-row.mode .bar-label {
    border-color: var(--pr-accent);
    color: var(--pr-accent-text);
  }
  .bar-row.uncounted .bar {
    background: var(--pr-border);
  }
  .bar-count {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    text-align: right;
  }
  .outliers {
    padding: 0.65rem 0.85rem;
    border-radius: var(--pr-radius-small);
    background: var(--pr-warning-soft);
    color: var(--pr-text);
  }
  .outliers-title {
    font-weight: 700;
    color: var(--pr-warning);
    margin-bottom: 0.2rem;
  }
  .outliers ul {
    display: grid;
    gap: 0.1rem;
  }
  .finalize {
    display: grid;
    gap: 0.45rem;
    padding-top: 0.85rem;
    border-top: 1px solid var(--pr-border);
  }
  .finalize label {
    font-weight: 650;
  }
  .finalize-row {
    display: flex;
    gap: 0.5rem;
  }
  .finalize-row input {
    flex: 1 1 4rem;
    width: 4rem;
    font-size: 1.1rem;
    font-weight: 700;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.85rem;
  }
  .chip {
    min-width: 2.4rem;
  }
  .final {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding: 0.6rem 0.85rem;
    border-radius: var(--pr-radius-small);
    background: var(--pr-success-soft);
    color: var(--pr-success);
    font-weight: 650;
  }
  .final strong {
    font-size: 1.5rem;
  }
`;
