// Entry point: <script src=".../widget.js" data-branch="plasturgie" async></script> on a branch's website.
// Optional data-api: the Passerelles API's address when it is not where widget.js comes from.

import { WidgetError, loadConfig } from "./config";
import { buildUi } from "./ui";
import { Widget } from "./widget";

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-branch]');
}

async function boot(script: HTMLScriptElement): Promise<void> {
  const branch = script.dataset.branch;
  if (!branch) {
    console.error('Passerelles: the widget\'s <script> tag needs data-branch="<branch>" (e.g. "plasturgie")');
    return;
  }
  const apiBase = (script.dataset.api ?? new URL(script.src, location.href).origin).replace(/\/$/, "");
  try {
    const config = await loadConfig(apiBase, branch);
    const { host, ui } = buildUi(config);
    document.body.append(host);
    new Widget(config, apiBase, ui, host).start();
  } catch (error) {
    // Without its settings the widget stays hidden: the page works as before.
    console.error(`Passerelles: widget not shown: ${error instanceof WidgetError ? error.message : error}`);
  }
}

const script = ownScript();
if (script) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => void boot(script));
  } else {
    void boot(script);
  }
}
