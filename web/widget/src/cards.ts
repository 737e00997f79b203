// Cards drawn from the assistant's custom payloads (shapes: retrieval/payloads.py, actions/results.py).

import { frenchDate, frenchNumber, h, plural } from "./dom";
import type { Custom } from "./messages";

/** Competences named on a card, at most, for each list. */
const NAMED = 3;
const CONTRACTS: Record<string, string> = {
  CDI: "CDI",
  CDD: "CDD",
  MIS: "Intérim",
  SAI: "Saisonnier",
  ALT: "Alternance",
};
const RATINGS: Record<string, string> = {
  acquis: "Acquis",
  a_renforcer: "À renforcer",
  pas_encore: "Pas encore",
};

type Item = Record<string, unknown>;

const text = (item: Item, key: string): string => (item[key] == null ? "" : String(item[key]));
const count = (item: Item, key: string): number => Number(item[key]) || 0;
const items = (value: unknown): Item[] =>
  Array.isArray(value) ? value.filter((v): v is Item => typeof v === "object" && v !== null) : [];

function labels(title: string, competences: Item[], kind: string): HTMLElement | null {
  if (!competences.length) return null;
  const named = competences.slice(0, NAMED).map((c) => h("li", {}, text(c, "label")));
  const more = competences.length - named.length;
  if (more > 0) named.push(h("li", {}, `et ${plural(more, "autre")}`));
  return h("div", { class: `competences ${kind}` }, h("p", { class: "label" }, title), h("ul", {}, ...named));
}

function bandWords(bridge: Item): string {
  const hours = count(bridge, "training_total_hours") || count(bridge, "training_hours");
  if (hours === 0) return "Passerelle directe, sans formation";
  const band = text(bridge, "band");
  return `${band.charAt(0).toUpperCase()}${band.slice(1)}, environ ${hours} h de formation`;
}

function bridgeCard(bridge: Item): HTMLElement {
  const nearby = count(bridge, "offers_nearby");
  const band = text(bridge, "band");
  return h(
    "article",
    { class: "card" },
    h("h3", {}, text(bridge, "title")),
    h("p", { class: "meta" }, `Code ROME ${text(bridge, "code_rome")}`),
    h("p", { class: `band ${band.includes("courte") ? "short" : "long"}` }, bandWords(bridge)),
    labels("Déjà acquis", items(bridge.shared), "shared"),
    labels(
      "À apprendre",
      items(bridge.missing).filter((m) => m.core),
      "missing",
    ),
    h(
      "p",
      { class: "nearby" },
      nearby ? `${plural(nearby, "offre")} près de chez vous` : "Pas d'offre proche pour l'instant",
    ),
  );
}

function offerCard(offer: Item): HTMLElement {
  const contract = text(offer, "contract");
  const distance = `${frenchNumber(count(offer, "distance_km"))} km`;
  return h(
    "article",
    { class: "card" },
    h("h3", {}, text(offer, "title")),
    h("p", {}, text(offer, "company")),
    h("p", { class: "meta" }, `${CONTRACTS[contract] ?? contract} · ${text(offer, "place")} · ${distance}`),
  );
}

function trainingCard(step: Item): HTMLElement {
  const sessions = items(step.sessions).map((session) =>
    h(
      "li",
      {},
      [
        text(session, "organisation"),
        text(session, "place"),
        session.start ? `le ${frenchDate(text(session, "start"))}` : "",
      ]
        .filter(Boolean)
        .join(", "),
    ),
  );
  const funding = Array.isArray(step.funding) ? step.funding.map(String) : [];
  return h(
    "article",
    { class: "card" },
    h("h3", {}, text(step, "bloc_title")),
    h("p", { class: "meta" }, `${text(step, "hours")} h · bloc ${text(step, "bloc")}`),
    h(
      "p",
      {},
      `${text(step, "kind")} « ${text(step, "certification_title")} » (${text(step, "certification")})`,
    ),
    sessions.length
      ? h("div", {}, h("p", { class: "label" }, "Prochaines sessions"), h("ul", {}, ...sessions))
      : null,
    funding.length ? h("p", { class: "meta" }, `Financement : ${funding.join(", ")}`) : null,
  );
}

function progressBar(step: Item): HTMLElement {
  const [current, total] = [count(step, "step"), count(step, "total")];
  const words = `Étape ${current} sur ${total} : ${text(step, "label")}`;
  return h(
    "div",
    { class: "progress" },
    h("p", {}, words),
    h(
      "div",
      {
        class: "bar",
        role: "progressbar",
        "aria-valuemin": 0,
        "aria-valuemax": total,
        "aria-valuenow": current,
        "aria-valuetext": words,
        "aria-label": "Avancement",
      },
      h("span", { style: `width: ${total ? Math.round((100 * current) / total) : 0}%` }),
    ),
  );
}

/** The check-up's rated competences, or the recap of the conversation. */
function profileCard(rows: Item[]): HTMLElement {
  if (rows.every((row) => "rating" in row)) {
    return h(
      "article",
      { class: "card" },
      h("h3", {}, "Vos compétences"),
      h(
        "ul",
        { class: "ratings" },
        ...rows.map((row) =>
          h(
            "li",
            {},
            h("span", {}, text(row, "label")),
            h("strong", {}, RATINGS[text(row, "rating")] ?? "Pas noté"),
          ),
        ),
      ),
    );
  }
  const [profile] = rows;
  const facts: [string, string][] = [
    ["Métier", text(profile, "job_title")],
    ["Lieu", profile.place ? `${text(profile, "place")}, jusqu'à ${text(profile, "radius_km")} km` : ""],
    [
      "Métiers proposés",
      items(profile.bridges)
        .map((b) => text(b, "title"))
        .join(" ; "),
    ],
  ];
  return h(
    "article",
    { class: "card" },
    h("h3", {}, "Votre profil"),
    h(
      "dl",
      {},
      ...facts
        .filter(([, value]) => value)
        .flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)]),
    ),
  );
}

const LIST_TITLES: Record<string, string> = {
  bridges: "Métiers proposés",
  offers: "Offres d'emploi",
  trainings: "Parcours de formation",
};

/** The cards of one payload, or null for a type this widget does not know (its text says it all). */
export function cards(custom: Custom): HTMLElement | null {
  const rows = items(custom.items);
  if (!rows.length) return null;
  if (custom.type === "progress") return progressBar(rows[0]);
  if (custom.type === "profile") return profileCard(rows);
  const draw = { bridges: bridgeCard, offers: offerCard, trainings: trainingCard }[custom.type];
  if (!draw) return null;
  return h(
    "section",
    { class: `cards ${custom.type}`, "aria-label": LIST_TITLES[custom.type] },
    ...rows.map(draw),
  );
}
