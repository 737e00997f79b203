// The assistant's messages in one shape, whichever channel brought them.
// REST: {text?, buttons?, custom?} in one message. socket.io: {text, quick_replies?} then {custom} apart.

export interface Reply {
  title: string;
  payload: string;
}

export interface Custom {
  type: string;
  items: unknown[];
}

export interface BotMessage {
  text?: string;
  replies?: Reply[];
  custom?: Custom;
}

export type Entry = { from: "person"; text: string } | { from: "bot"; message: BotMessage };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function replies(value: unknown): Reply[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((button) => ({ title: String(button.title ?? ""), payload: String(button.payload ?? "") }))
    .filter((reply) => reply.title && reply.payload);
}

export function botMessage(raw: unknown): BotMessage {
  if (!isRecord(raw)) return {};
  const message: BotMessage = {};
  if (typeof raw.text === "string" && raw.text.trim()) message.text = raw.text;
  const found = replies(raw.buttons ?? raw.quick_replies);
  if (found.length) message.replies = found;
  const custom = raw.custom;
  if (isRecord(custom) && typeof custom.type === "string") {
    message.custom = { ...custom, type: custom.type, items: Array.isArray(custom.items) ? custom.items : [] };
  }
  return message;
}

/** The text without the numbered choices its buttons already show ("… 1. Oui, vous pouvez les garder"). */
export function withoutListedReplies(text: string, shown: Reply[]): string {
  const listed = shown.map((reply, index) => `${index + 1}. ${reply.title.replace(/^\d+\.\s*/, "")}`);
  // A choice ends where the next number starts, or with the text: "1. Découvrir des métiers à partir…"
  // is an explanation the button "1. Découvrir des métiers" does not carry, and stays.
  const patterns = listed.map(
    (choice) => new RegExp(`\\s*${choice.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\s+\\d+\\.\\s|\\s*$)`),
  );
  if (!patterns.length || !patterns.every((pattern) => pattern.test(text))) return text;
  return patterns.reduce((rest, pattern) => rest.replace(pattern, ""), text).trim();
}

/** A card's text reduced to its lead: the sentences around the list that the cards draw. */
export function lead(text: string, custom: Custom): string {
  if (custom.type === "progress") return "";
  return text
    .split("\n")
    .filter((line) => !/^\d+\.\s/.test(line) && !/^\s/.test(line))
    .join("\n")
    .trim();
}
