// The conversation drawn in the panel: bubbles, cards and quick replies, from entries that can be saved
// and drawn again when the conversation resumes.

import { cards } from "./cards";
import { h } from "./dom";
import { type BotMessage, type Entry, type Reply, lead, withoutListedReplies } from "./messages";
import type { Ui } from "./ui";

export class Conversation {
  readonly entries: Entry[] = [];
  /** The latest bot bubble and its text: a card that follows it shortens it to a lead. */
  private lastText: { bubble: HTMLElement; text: string } | null = null;

  constructor(
    private readonly ui: Ui,
    private readonly press: (reply: Reply) => void,
  ) {}

  add(entry: Entry): void {
    this.entries.push(entry);
    if (entry.from === "person") this.drawPerson(entry.text);
    else this.drawBot(entry.message);
    this.ui.body.scrollTop = this.ui.body.scrollHeight;
  }

  notice(text: string): void {
    this.ui.log.append(h("p", { class: "bubble notice", role: "alert" }, text));
    this.ui.body.scrollTop = this.ui.body.scrollHeight;
  }

  clear(): void {
    this.entries.length = 0;
    this.lastText = null;
    this.ui.log.replaceChildren();
    this.ui.replies.replaceChildren();
  }

  private drawPerson(text: string): void {
    this.lastText = null;
    this.ui.replies.replaceChildren();
    this.ui.log.append(
      h("p", { class: "bubble person" }, h("span", { class: "visually-hidden" }, "Vous : "), text),
    );
  }

  private drawBot(message: BotMessage): void {
    const replies = message.replies ?? [];
    const text = message.text ? withoutListedReplies(message.text, replies) : "";
    if (text) {
      const bubble = h("p", { class: "bubble bot" }, text);
      this.ui.log.append(bubble);
      this.lastText = { bubble, text };
    }
    if (message.custom) {
      const drawn = cards(message.custom);
      if (drawn && this.lastText) {
        // socket.io sends a message's text and its payload apart: the text just before is its own.
        const shorter = lead(this.lastText.text, message.custom);
        if (shorter) this.lastText.bubble.textContent = shorter;
        else this.lastText.bubble.remove();
      }
      if (drawn) this.ui.log.append(drawn);
      this.lastText = null;
    }
    if (replies.length) {
      this.ui.replies.replaceChildren(
        ...replies.map((reply) => {
          const button = h("button", { type: "button" }, reply.title);
          button.addEventListener("click", () => this.press(reply));
          return button;
        }),
      );
    }
  }
}
