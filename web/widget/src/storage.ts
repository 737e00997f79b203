// What the widget keeps in the browser, and only after the person accepted: the pseudonymous id and the
// conversation, so that it resumes on the next page or visit. Refused, both live in memory only.

import { fetchJson } from "./config";
import type { Entry } from "./messages";

/** Entries kept at most: the end of a long conversation is what resuming needs. */
const KEPT_ENTRIES = 200;

export interface Visitor {
  id: string;
  remembered: boolean;
}

function key(branch: string, what: "visitor" | "entries"): string {
  return `passerelles:${branch}:${what}`;
}

/** localStorage may be missing or refused (private browsing, blocked cookies): then nothing is kept. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberedVisitor(branch: string): Visitor | null {
  const id = storage()?.getItem(key(branch, "visitor"));
  return id ? { id, remembered: true } : null;
}

export async function newVisitor(apiBase: string, branch: string, remember: boolean): Promise<Visitor> {
  const { id } = await fetchJson<{ id: string }>(`${apiBase}/api/v1/visitors`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ branch }),
  });
  const kept = remember && storage() !== null;
  if (kept) storage()?.setItem(key(branch, "visitor"), id);
  return { id, remembered: kept };
}

export function savedEntries(branch: string): Entry[] {
  try {
    const saved: unknown = JSON.parse(storage()?.getItem(key(branch, "entries")) ?? "[]");
    return Array.isArray(saved) ? (saved as Entry[]) : [];
  } catch {
    return [];
  }
}

export function saveEntries(branch: string, entries: Entry[]): void {
  try {
    storage()?.setItem(key(branch, "entries"), JSON.stringify(entries.slice(-KEPT_ENTRIES)));
  } catch {
    // A full storage only means the conversation will not resume: it goes on.
  }
}

export function forget(branch: string): void {
  storage()?.removeItem(key(branch, "visitor"));
  storage()?.removeItem(key(branch, "entries"));
}
