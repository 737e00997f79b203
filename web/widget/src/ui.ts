// The widget's elements inside a shadow root: a launcher button and a panel (header, consent, messages,
// quick replies, message field).

import type { BranchConfig } from "./config";
import { palette } from "./colors";
import { h } from "./dom";
import { styles } from "./styles";

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
  '<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

export interface Ui {
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  close: HTMLButtonElement;
  erase: HTMLButtonElement;
  body: HTMLElement;
  consent: HTMLElement;
  accept: HTMLButtonElement;
  refuse: HTMLButtonElement;
  log: HTMLElement;
  typing: HTMLElement;
  replies: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  send: HTMLButtonElement;
}

function consentBanner(): Pick<Ui, "consent" | "accept" | "refuse"> {
  const accept = h("button", { type: "button", class: "primary" }, "Accepter");
  const refuse = h("button", { type: "button", class: "secondary" }, "Refuser");
  const consent = h(
    "section",
    { class: "consent", "aria-labelledby": "consent-title" },
    h("h3", { id: "consent-title" }, "Avant de commencer"),
    h(
      "p",
      {},
      "Pour reprendre la conversation plus tard, sur une autre page ou un autre jour, " +
        "ce navigateur peut garder un identifiant anonyme et le fil de la conversation. " +
        "Nous ne demandons ni votre nom ni vos coordonnées.",
    ),
    h("p", {}, "L'assistant vous demandera votre accord avant de garder un profil avec vos réponses."),
    h(
      "p",
      {},
      "Si vous refusez, rien n'est gardé dans ce navigateur : " +
        "la conversation s'arrête en quittant la page.",
    ),
    h("div", { class: "choices" }, accept, refuse),
  );
  return { consent, accept, refuse };
}

export function buildUi(config: BranchConfig): { host: HTMLElement; ui: Ui } {
  const host = h("div", { id: "passerelles-widget" });
  const shadow = host.attachShadow({ mode: "open" });
  shadow.append(h("style", {}, styles(palette(config.colors))));

  const launcher = h(
    "button",
    { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "panel" },
    h("span", {}, "Parler à l'assistant"),
  );
  launcher.insertAdjacentHTML("afterbegin", CHAT_ICON);
  const close = h("button", { type: "button", "aria-label": "Fermer l'assistant" }, "✕");
  const erase = h(
    "button",
    { type: "button", "aria-label": "Effacer la conversation gardée dans ce navigateur", hidden: true },
    "Effacer",
  );
  const { consent, accept, refuse } = consentBanner();
  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  const typing = h(
    "p",
    { class: "bubble typing", "aria-hidden": "true", hidden: true },
    "L'assistant écrit…",
  );
  // Focusable, so that the conversation scrolls with the keyboard when it holds no button.
  const body = h(
    "div",
    { class: "body", tabindex: 0, role: "region", "aria-label": "Fil de la conversation" },
    config.welcome ? h("p", { class: "welcome" }, config.welcome) : null,
    consent,
    log,
    typing,
  );
  const replies = h("div", { class: "replies", role: "group", "aria-label": "Réponses proposées" });
  const input = h("input", {
    id: "message",
    type: "text",
    autocomplete: "off",
    maxlength: 1000,
    disabled: true,
    placeholder: "Écrivez votre message",
  });
  const send = h("button", { type: "submit", class: "primary", disabled: true }, "Envoyer");
  const form = h(
    "form",
    {},
    h("label", { for: "message", class: "visually-hidden" }, "Votre message à l'assistant"),
    input,
    send,
  );
  const panel = h(
    "section",
    { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", lang: "fr", hidden: true },
    h(
      "header",
      {},
      config.logo_url ? h("img", { src: config.logo_url, alt: "" }) : null,
      h("h2", { id: "title" }, config.title),
      erase,
      close,
    ),
    body,
    replies,
    form,
  );
  shadow.append(h("div", { class: "root", lang: "fr" }, launcher, panel));
  return {
    host,
    ui: {
      launcher,
      panel,
      close,
      erase,
      body,
      consent,
      accept,
      refuse,
      log,
      typing,
      replies,
      form,
      input,
      send,
    },
  };
}
