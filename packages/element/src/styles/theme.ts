import { css } from 'lit';

const light = css`
  --pr-bg: #f4f5f9;
  --pr-surface: #ffffff;
  --pr-surface-2: #eef0f5;
  --pr-text: #151823;
  --pr-muted: #535a6c;
  --pr-border: #dbdfe8;
  --pr-accent: #4f46e5;
  --pr-on-accent: #ffffff;
  --pr-accent-soft: #eceeff;
  --pr-accent-text: #3b32c4;
  --pr-success: #047857;
  --pr-success-soft: #e3f6ec;
  --pr-warning: #8a4b05;
  --pr-warning-soft: #fff3dc;
  --pr-danger: #b42318;
  --pr-danger-soft: #fdecea;
  --pr-shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 1px 3px rgb(16 24 40 / 0.08);
  --pr-shadow-raised: 0 8px 20px rgb(79 70 229 / 0.25);
  color-scheme: light;
`;

const dark = css`
  --pr-bg: #0e1016;
  --pr-surface: #171a23;
  --pr-surface-2: #212532;
  --pr-text: #eceef5;
  --pr-muted: #a4abbd;
  --pr-border: #2f3444;
  --pr-accent: #8e8cfb;
  --pr-on-accent: #0e1016;
  --pr-accent-soft: #252849;
  --pr-accent-text: #c4c3ff;
  --pr-success: #3ddc97;
  --pr-success-soft: #11322a;
  --pr-warning: #f7c15a;
  --pr-warning-soft: #372a10;
  --pr-danger: #ff8a80;
  --pr-danger-soft: #3a1a1a;
  --pr-shadow: 0 1px 2px rgb(0 0 0 / 0.4);
  --pr-shadow-raised: 0 8px 22px rgb(0 0 0 / 0.55);
  color-scheme: dark;
`;

/**
 * The design tokens. Each is a public custom property: set it on `poker-room` (or an ancestor)
 * to theme the element. Light by default, dark under `prefers-color-scheme: dark` unless
 * `theme="light"`, and always dark with `theme="dark"`.
 */
export const themeStyles = css`
  :host {
    ${light}
    --pr-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif, 'Apple Color Emoji',
      'Segoe UI Emoji', 'Noto Color Emoji';
    --pr-radius: 14px;
    --pr-radius-small: 8px;
    --pr-card-width: 3.5rem;
    --pr-card-height: 5rem;
    --pr-focus: var(--pr-accent);
    --pr-gap: 1rem;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
`;
