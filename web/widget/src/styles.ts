// The widget's only stylesheet, inside its shadow root: the host page's CSS neither leaks in nor out.

import type { Palette } from "./colors";

export function styles(colors: Palette): string {
  return `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --primary: ${colors.primary}; --on-primary: ${colors.onPrimary}; --accent: ${colors.accent};
  --ink: #1a1a1a; --muted: #4d4d4d; --line: #c9c9c9; --soft: #f2f4f7;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink);
}
button, input { font: inherit; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; border: 0;
}
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; align-items: center;
  gap: 8px; padding: 12px 18px; border: 2px solid var(--on-primary); border-radius: 999px;
  background: var(--primary); color: var(--on-primary); font-weight: 600; cursor: pointer;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .25);
}
.launcher svg { width: 24px; height: 24px; fill: currentColor; }
.panel {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; display: flex; flex-direction: column;
  width: 380px; height: min(640px, calc(100vh - 40px)); background: #fff; border-radius: 12px;
  box-shadow: 0 8px 32px rgba(0, 0, 0, .3); overflow: hidden; animation: rise .2s ease-out;
}
@keyframes rise { from { transform: translateY(16px); opacity: 0; } }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
}
header {
  display: flex; align-items: center; gap: 10px; padding: 10px 12px; background: var(--primary);
  color: var(--on-primary);
}
header img { width: 32px; height: 32px; border-radius: 6px; background: #fff; }
header h2 { flex: 1; margin: 0; font-size: 1.05rem; }
header button {
  min-width: 44px; min-height: 44px; padding: 4px 8px;
  border: 1px solid var(--on-primary); border-radius: 8px;
  background: transparent; color: var(--on-primary); cursor: pointer;
}
header :focus-visible { outline-color: var(--on-primary); box-shadow: 0 0 0 5px var(--primary); }
.body { flex: 1; overflow-y: auto; padding: 12px; background: var(--soft); }
.welcome { margin: 0 0 12px; color: var(--muted); }
.consent { padding: 14px; border: 1px solid var(--line); border-radius: 10px; background: #fff; }
.consent h3 { margin: 0 0 8px; font-size: 1rem; }
.consent p { margin: 0 0 8px; }
.choices { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
.primary, .secondary, .replies button {
  min-height: 44px; padding: 8px 14px; border-radius: 8px; cursor: pointer; font-weight: 600;
}
.primary { border: 2px solid var(--primary); background: var(--primary); color: var(--on-primary); }
.secondary, .replies button { border: 2px solid var(--accent); background: #fff; color: var(--accent); }
.log { display: flex; flex-direction: column; gap: 8px; }
.bubble {
  max-width: 88%; margin: 0; padding: 8px 12px; border-radius: 12px;
  white-space: pre-line; overflow-wrap: anywhere;
}
.bot { align-self: flex-start; background: #fff; border: 1px solid var(--line); }
.person { align-self: flex-end; background: var(--primary); color: var(--on-primary); }
.notice { align-self: stretch; background: #fff4e5; border: 1px solid #8a4b00; color: #5c3200; }
.cards { display: flex; flex-direction: column; gap: 8px; }
.card {
  padding: 10px 12px; font-size: .95rem; background: #fff;
  border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 8px;
}
.card h3 { margin: 0 0 4px; font-size: 1rem; }
.card p { margin: 0 0 4px; }
.card ul { margin: 0 0 6px; padding-left: 20px; }
.meta { color: var(--muted); font-size: .9rem; }
.label { font-weight: 600; }
.band { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: .9rem; }
.band.short { background: #e3f4e8; color: #14532d; }
.band.long { background: #fdf0d5; color: #6b3f00; }
.missing .label { color: #8a2c0d; }
.nearby { font-weight: 600; color: var(--accent); }
.ratings { list-style: none; padding: 0; }
.ratings li { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px solid var(--soft); }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.progress p { margin: 0 0 4px; font-weight: 600; }
.bar { height: 8px; border-radius: 4px; background: #d9dde3; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--accent); }
.replies { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px 0; background: #fff; }
.replies:empty { display: none; }
.typing { align-self: flex-start; color: var(--muted); font-style: italic; }
form { display: flex; gap: 8px; padding: 10px 12px; background: #fff; border-top: 1px solid var(--line); }
form input {
  flex: 1; min-width: 0; min-height: 44px; padding: 8px 10px;
  border: 2px solid var(--muted); border-radius: 8px;
}
form input:disabled { background: var(--soft); }
form button:disabled { opacity: .6; cursor: not-allowed; }
@media (prefers-reduced-motion: reduce) {
  .panel { animation: none; }
}
`;
}
