// The widget's behaviour: opening and closing, consent, sending and receiving, resuming, erasing.

import type { BranchConfig } from "./config";
import { WidgetError } from "./config";
import { Conversation } from "./conversation";
import { type Reply, botMessage } from "./messages";
import { type Visitor, forget, newVisitor, rememberedVisitor, saveEntries, savedEntries } from "./storage";
import { type Transport, connect } from "./transport";
import type { Ui } from "./ui";

/** Sent, unseen, to open a new conversation: the assistant greets and asks its first question. */
const GREETING = "/greet";
/** Without an answer by then, the person is told to send the message again if nothing comes. */
const TYPING_SECONDS = 60;

function explain(error: unknown): string {
  if (error instanceof WidgetError) {
    console.error(`Passerelles: ${error.message}`);
    return error.french;
  }
  console.error("Passerelles:", error);
  return "Une erreur est survenue. Rechargez la page et réessayez.";
}

export class Widget {
  private visitor: Visitor | null;
  private transport: Promise<Transport> | null = null;
  private readonly conversation: Conversation;
  private typingTimer = 0;

  constructor(
    private readonly config: BranchConfig,
    private readonly apiBase: string,
    private readonly ui: Ui,
    private readonly host: HTMLElement,
  ) {
    this.conversation = new Conversation(ui, (reply) => this.press(reply));
    this.visitor = rememberedVisitor(config.branch);
  }

  start(): void {
    const { ui } = this;
    ui.launcher.addEventListener("click", () => this.open());
    ui.close.addEventListener("click", () => this.close());
    ui.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
    ui.accept.addEventListener("click", () => void this.choose(true));
    ui.refuse.addEventListener("click", () => void this.choose(false));
    ui.erase.addEventListener("click", () => this.erase());
    ui.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (!text) return;
      ui.input.value = "";
      void this.send(text, text);
    });
    if (this.visitor) {
      // Accepted before, on this page or another: the conversation resumes where it was.
      savedEntries(this.config.branch).forEach((entry) => this.conversation.add(entry));
      this.ready();
    }
  }

  private open(): void {
    const { ui } = this;
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    if (this.visitor) this.talk();
    // The branch's welcome and the consent are read from the top; a conversation from its end.
    ui.body.scrollTop = ui.consent.hidden ? ui.body.scrollHeight : 0;
    (ui.consent.hidden ? ui.input : ui.accept).focus();
  }

  private close(): void {
    const { ui } = this;
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.focus();
  }

  private async choose(remember: boolean): Promise<void> {
    const { ui } = this;
    ui.accept.disabled = ui.refuse.disabled = true;
    try {
      this.visitor = await newVisitor(this.apiBase, this.config.branch, remember);
    } catch (error) {
      ui.accept.disabled = ui.refuse.disabled = false;
      this.conversation.notice(explain(error));
      return;
    }
    this.ready();
    ui.input.focus();
    this.talk();
  }

  /** Consent given or refused: the banner goes, the message field opens. */
  private ready(): void {
    const { ui } = this;
    ui.consent.hidden = true;
    ui.input.disabled = ui.send.disabled = false;
    ui.erase.hidden = !this.visitor?.remembered;
  }

  /** Connects once; a new conversation starts with the assistant's greeting. */
  private talk(): void {
    if (this.transport || !this.visitor) return;
    this.transport = connect(this.config, this.visitor.id, (raw) => this.receive(raw));
    this.transport.then(
      (transport) => {
        this.host.dataset.transport = transport.kind;
        if (!this.conversation.entries.length) void this.send(GREETING, null);
      },
      (error) => this.conversation.notice(explain(error)),
    );
  }

  private press(reply: Reply): void {
    this.ui.input.focus();
    void this.send(reply.payload, reply.title);
  }

  /** Sends ``text``; ``shown`` is what the conversation shows the person said (null: nothing). */
  private async send(text: string, shown: string | null): Promise<void> {
    if (!this.transport) return;
    if (shown !== null) {
      this.conversation.add({ from: "person", text: shown });
      this.save();
    }
    this.typing(true);
    try {
      const transport = await this.transport;
      await transport.send(text);
      if (transport.kind === "rest") this.typing(false);
    } catch (error) {
      this.typing(false);
      this.conversation.notice(explain(error));
    }
  }

  private receive(raw: unknown): void {
    const message = botMessage(raw);
    if (!message.text && !message.custom && !message.replies) return;
    this.typing(false);
    this.conversation.add({ from: "bot", message });
    this.save();
  }

  private typing(shown: boolean): void {
    window.clearTimeout(this.typingTimer);
    this.ui.typing.hidden = !shown;
    if (!shown) return;
    this.typingTimer = window.setTimeout(() => {
      this.typing(false);
      this.conversation.notice(
        "L'assistant met du temps à répondre. Si rien ne vient, renvoyez votre message.",
      );
    }, TYPING_SECONDS * 1000);
  }

  private save(): void {
    if (this.visitor?.remembered) saveEntries(this.config.branch, this.conversation.entries);
  }

  /** Forgets the id and the conversation kept in this browser; the next one starts afresh. */
  private erase(): void {
    const { ui } = this;
    forget(this.config.branch);
    void this.transport?.then((transport) => transport.close());
    this.transport = null;
    this.visitor = null;
    delete this.host.dataset.transport;
    this.conversation.clear();
    ui.consent.hidden = false;
    ui.accept.disabled = ui.refuse.disabled = false;
    ui.input.disabled = ui.send.disabled = true;
    ui.erase.hidden = true;
    ui.accept.focus();
  }
}
