// The counsellor console: sign-in, people, the guided session (chat, live profile, what-if), observatory.
import { ApiError, download, request, signIn, token } from "./api.js";
import { barChart } from "./chart.js";
import { dateFr, h, say, show } from "./dom.js";

const PAGE = 20;
// The engine's radius when the person said none (retrieval.guidance.DEFAULT_RADIUS_KM).
const DEFAULT_RADIUS = 30;
const enc = encodeURIComponent;

function failed(error) {
  say(error instanceof ApiError ? error.message : "Le service est injoignable : vérifiez votre connexion.");
}

// -- sign-in ------------------------------------------------------------------------------------------
function loginView() {
  const problem = h("p", { id: "login-error", class: "error", role: "alert" });
  const form = h("form", { class: "card narrow", "aria-describedby": "login-error" },
    h("label", { for: "email" }, "Adresse e-mail"),
    h("input", { id: "email", name: "email", type: "email", autocomplete: "username", required: true }),
    h("label", { for: "password" }, "Mot de passe"),
    h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    h("p", {}, h("button", { type: "submit" }, "Se connecter")),
    problem);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    try {
      await signIn(form.email.value, form.password.value);
      location.hash = "#/personnes";
    } catch (error) {
      problem.textContent = error instanceof ApiError ? error.message : "Connexion impossible pour le moment.";
    }
  });
  show("Connexion", form);
  form.email.focus();
}

// -- people -------------------------------------------------------------------------------------------
async function peopleView(query = "", offset = 0) {
  const search = h("form", { class: "row", role: "search" },
    h("div", {}, h("label", { for: "q" }, "Rechercher (référence, métier, branche, commune)"),
      h("input", { id: "q", name: "q", type: "search", value: query })),
    h("button", { type: "submit" }, "Rechercher"));
  search.addEventListener("submit", (event) => { event.preventDefault(); peopleView(search.q.value, 0); });
  let page, branches;
  try {
    [page, branches] = await Promise.all([
      request("GET", `/people?limit=${PAGE}&offset=${offset}&q=${enc(query)}`), request("GET", "/branches?limit=100")]);
  } catch (error) { failed(error); return; }
  const start = h("form", { class: "card", "aria-labelledby": "start-title" },
    h("h2", { id: "start-title" }, "Nouvelle séance guidée"),
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "branch" }, "Branche"),
        h("select", { id: "branch", name: "branch" },
          branches.items.map((b) => h("option", { value: b.slug }, b.title)))),
      h("div", { class: "check" }, h("input", { id: "consent", type: "checkbox", name: "consent", required: true }),
        h("label", { for: "consent" }, "La personne accepte que ses réponses soient gardées")),
      h("button", { type: "submit" }, "Nouvelle séance guidée")));
  start.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const { ref } = await request("POST", "/people", { branch: start.branch.value, consent: start.consent.checked });
      await request("POST", `/people/${ref}/sessions`);
      location.hash = `#/personne/${ref}`;
    } catch (error) { failed(error); }
  });
  const rows = page.items.map((p) => h("tr", {},
    h("td", {}, h("a", { href: `#/personne/${p.ref}` }, p.occupation_label || "Profil à compléter")),
    h("td", {}, h("code", {}, p.ref.slice(0, 8))),
    h("td", {}, p.branch || ""), h("td", {}, p.commune || ""),
    h("td", {}, dateFr(p.updated_at)), h("td", {}, p.sessions)));
  const pager = h("nav", { class: "pager", "aria-label": "Pages" },
    h("button", { type: "button", class: "secondary", disabled: offset === 0,
      onclick: () => peopleView(query, Math.max(0, offset - PAGE)) }, "Page précédente"),
    h("span", {}, page.total ? `${offset + 1}–${offset + page.items.length} sur ${page.total}` : "Aucune personne"),
    h("button", { type: "button", class: "secondary", disabled: offset + PAGE >= page.total,
      onclick: () => peopleView(query, offset + PAGE) }, "Page suivante"));
  show("Personnes suivies", start, search,
    h("table", {}, h("caption", { class: "sr-only" }, "Personnes suivies"),
      h("thead", {}, h("tr", {}, ["Métier", "Référence", "Branche", "Commune", "Mise à jour", "Séances"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, rows)),
    pager);
}

// -- the guided session -------------------------------------------------------------------------------
function bandWords(bridge) {
  const hours = bridge.training_total_hours || 0;
  return hours ? `${bridge.band}, environ ${hours} h de formation` : "passerelle directe, sans formation";
}

function bridgeCard(bridge) {
  const missing = bridge.missing.filter((m) => m.core);
  return h("li", { class: "card bridge", "data-code": bridge.code_rome },
    h("h3", {}, bridge.title),
    h("p", { class: "muted" }, `Code ROME ${bridge.code_rome} · ${bandWords(bridge)}`),
    h("p", {}, h("strong", {}, "Déjà acquis : "), bridge.shared.slice(0, 4).map((s) => s.label).join(" ; ") || "—"),
    h("p", {}, h("strong", {}, "À apprendre : "), missing.map((m) => m.label).join(" ; ") || "rien d'indispensable"),
    h("p", { class: "muted" }, `${bridge.offers_nearby} offre(s) à proximité`));
}

async function personView(ref) {
  const chat = h("div", { class: "chat", role: "log", "aria-live": "polite", "aria-label": "Conversation avec l'assistant" },
    h("p", { class: "muted" }, "Écrivez « bonjour » pour commencer la conversation avec l'assistant, ou la reprendre où elle s'était arrêtée."));
  const profileBox = h("section", { class: "card", "aria-labelledby": "profile-title" });
  const bridgesList = h("ul", { id: "bridges", class: "chips-free", style: "list-style:none;padding:0" });
  const whatIf = { add_competences: [], remove_competences: [], add_certifications: [], radius_km: null };
  const message = h("form", { class: "row" },
    h("div", {}, h("label", { for: "message" }, "Votre message à l'assistant"),
      h("input", { id: "message", name: "message", autocomplete: "off", required: true })),
    h("button", { type: "submit" }, "Envoyer"));

  function bubble(text, mine) { chat.append(h("div", { class: `bubble ${mine ? "me" : "bot"}` }, text)); chat.scrollTop = chat.scrollHeight; }

  async function send(text, shown = text) {
    bubble(shown, true);
    const button = message.querySelector("button");
    button.disabled = true;
    try {
      const { messages } = await request("POST", `/people/${ref}/messages`, { text });
      for (const m of messages) {
        if (m.text) bubble(m.text, false);
        if (m.buttons?.length) {
          chat.append(h("div", { class: "choices" }, m.buttons.map((b) =>
            h("button", { type: "button", class: "secondary", onclick: () => send(b.payload || b.title, b.title) }, b.title))));
        }
      }
      await refreshProfile();
    } catch (error) { failed(error); } finally { button.disabled = false; }
  }
  message.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = message.message.value.trim();
    message.message.value = "";
    if (text) send(text);
  });

  let person = null;
  const addCompetence = h("select", { id: "add-competence", name: "add" });
  const removeCompetence = h("select", { id: "remove-competence", name: "remove" });
  const trialSummary = h("p", { id: "trial", class: "muted" });
  const labels = new Map();

  function choices(select, items, none) {
    select.replaceChildren(h("option", { value: "" }, none), ...items.map((c) => h("option", { value: c.code }, c.label)));
  }

  function describeTrial() {
    const named = (codes) => codes.map((code) => `« ${labels.get(code) || code} »`).join(", ");
    const parts = [
      whatIf.add_competences.length && `avec ${named(whatIf.add_competences)}`,
      whatIf.remove_competences.length && `sans ${named(whatIf.remove_competences)}`,
      whatIf.add_certifications.length && `avec la certification ${whatIf.add_certifications.join(", ")}`,
      whatIf.radius_km && `à ${whatIf.radius_km} km au plus`,
    ].filter(Boolean);
    trialSummary.textContent = parts.length ? `Essai en cours : ${parts.join(" ; ")}.` : "Profil tel qu'il est enregistré.";
  }

  let asked = 0;
  async function recompute() {
    const turn = ++asked;
    try {
      const { items } = await request("POST", `/people/${ref}/what-if`, whatIf);
      if (turn !== asked) return; // a later trial was asked meanwhile (the radius slider sends several)
      bridgesList.replaceChildren(...(items.length ? items.map(bridgeCard) : [h("li", {}, "Aucun métier proche pour l'instant : ils apparaissent dès que le métier ou des compétences de la personne sont connus.")]));
      const missing = new Map();
      for (const bridge of items) for (const m of bridge.missing) if (m.core) missing.set(m.code, m);
      for (const m of missing.values()) labels.set(m.code, m.label);
      choices(addCompetence, [...missing.values()], "— Une compétence à apprendre —");
      describeTrial();
      say(`${items.length} métier(s) proche(s) recalculé(s).`);
    } catch (error) { failed(error); }
  }

  async function patch(changes) {
    try { await request("PATCH", `/people/${ref}/profile`, changes); await refreshProfile(); say("Profil corrigé."); }
    catch (error) { failed(error); }
  }

  async function refreshProfile() {
    try { person = await request("GET", `/people/${enc(ref)}`); } catch (error) { failed(error); return; }
    const job = h("form", { class: "row" },
      h("div", {}, h("label", { for: "job" }, "Code ROME du métier"),
        h("input", { id: "job", name: "job", value: person.occupation_code || "", pattern: "[A-N][0-9]{4}" })),
      h("button", { type: "submit", class: "secondary" }, "Corriger"));
    job.addEventListener("submit", (e) => { e.preventDefault(); patch({ occupation_code: job.job.value.trim() || null }); });
    const place = h("form", { class: "row" },
      h("div", {}, h("label", { for: "place" }, "Commune"),
        h("input", { id: "place", name: "place", value: person.commune_label || "" })),
      h("button", { type: "submit", class: "secondary" }, "Corriger"));
    place.addEventListener("submit", (e) => { e.preventDefault(); patch({ place: place.place.value.trim() }); });
    const competences = h("ul", { class: "chips", "aria-label": "Compétences" }, person.competences.map((c) =>
      h("li", {}, c.label, h("button", { type: "button", "aria-label": `Retirer ${c.label}`,
        onclick: () => patch({ competences: person.competences.filter((x) => x.code !== c.code).map((x) => x.code) }) }, "×"))));
    for (const c of person.competences) labels.set(c.code, c.label);
    choices(removeCompetence, person.competences, "— Une compétence acquise —");
    if (!whatIf.radius_km) setRadius(person.radius_km || DEFAULT_RADIUS);
    profileBox.replaceChildren(
      h("h2", { id: "profile-title" }, "Profil"),
      h("p", {}, h("strong", {}, "Métier : "), person.occupation_title || person.occupation_label || "non renseigné"),
      job, place,
      h("p", {}, h("strong", {}, "Rayon : "), person.radius_km ? `${person.radius_km} km` : "non renseigné"),
      h("h3", {}, "Compétences"), person.competences.length ? competences : h("p", { class: "muted" }, "Aucune pour l'instant."));
    await recompute();
  }

  const radiusValue = h("output", { id: "radius-value", for: "radius" });
  const radius = h("input", { id: "radius", type: "range", min: 5, max: 150, step: 5 });
  function setRadius(km) {
    radius.value = km;
    radiusValue.textContent = `${km} km`;
    radius.setAttribute("aria-valuetext", `${km} kilomètres`);
  }
  radius.addEventListener("input", () => setRadius(radius.value));
  radius.addEventListener("change", () => { whatIf.radius_km = Number(radius.value); recompute(); });
  const trial = h("form", { class: "card", "aria-labelledby": "whatif-title" },
    h("h2", { id: "whatif-title" }, "Et si… ?"),
    h("p", { class: "muted" }, "Rien n'est enregistré : les métiers proches sont recalculés aussitôt."),
    h("label", { for: "add-competence" }, "Ajouter une compétence"), addCompetence,
    h("label", { for: "remove-competence" }, "Retirer une compétence"), removeCompetence,
    h("label", { for: "certification" }, "Ajouter une certification (code RNCP ou RS)"),
    h("input", { id: "certification", name: "certification", autocomplete: "off" }),
    h("label", { for: "radius" }, "Rayon de recherche : ", radiusValue), radius,
    trialSummary,
    h("p", {}, h("button", { type: "submit" }, "Recalculer"), " ",
      h("button", { type: "button", class: "secondary", onclick: () => {
        Object.assign(whatIf, { add_competences: [], remove_competences: [], add_certifications: [], radius_km: null });
        trial.reset(); setRadius(person?.radius_km || DEFAULT_RADIUS); recompute();
      } }, "Revenir au profil")));
  trial.addEventListener("submit", (event) => {
    event.preventDefault();
    const add = (list, value) => { if (value.trim() && !list.includes(value.trim())) list.push(value.trim()); };
    add(whatIf.add_competences, trial.add.value);
    add(whatIf.remove_competences, trial.remove.value);
    add(whatIf.add_certifications, trial.certification.value);
    trial.certification.value = "";
    recompute();
  });

  const notesList = h("ul", {});
  async function refreshNotes() {
    try {
      const page = await request("GET", `/people/${ref}/notes?limit=50`);
      notesList.replaceChildren(...page.items.map((n) => h("li", {}, `${dateFr(n.created_at)}, ${n.author} : ${n.text}`)));
    } catch (error) { failed(error); }
  }
  const noteForm = h("form", {},
    h("label", { for: "note" }, "Nouvelle note"), h("textarea", { id: "note", name: "note", rows: 3, required: true }),
    h("p", {}, h("button", { type: "submit" }, "Ajouter la note")));
  noteForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try { await request("POST", `/people/${ref}/notes`, { text: noteForm.note.value }); noteForm.reset(); say("Note ajoutée."); refreshNotes(); }
    catch (error) { failed(error); }
  });

  async function save(path, name) {
    try {
      const blob = await download(path);
      const link = h("a", { href: URL.createObjectURL(blob), download: name });
      document.body.append(link); link.click(); link.remove();
    } catch (error) { failed(error); }
  }
  const exportData = async () => {
    try {
      const data = await request("GET", `/people/${ref}/export`);
      const link = h("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
        download: "donnees-personne.json" });
      document.body.append(link); link.click(); link.remove();
    } catch (error) { failed(error); }
  };
  const erase = async () => {
    if (!confirm("Effacer toutes les données de cette personne ? Cette action est définitive.")) return;
    try { await request("DELETE", `/people/${ref}`); say("Les données ont été effacées."); location.hash = "#/personnes"; }
    catch (error) { failed(error); }
  };

  show("Séance guidée",
    h("p", {}, h("a", { href: "#/personnes" }, "← Personnes suivies")),
    h("div", { class: "session" },
      h("section", { "aria-labelledby": "chat-title" }, h("h2", { id: "chat-title" }, "Conversation"), chat, message),
      h("div", {}, profileBox, trial)),
    h("section", { "aria-labelledby": "bridges-title" }, h("h2", { id: "bridges-title" }, "Métiers proches"), bridgesList),
    h("section", { class: "card", "aria-labelledby": "notes-title" }, h("h2", { id: "notes-title" }, "Notes"), notesList, noteForm),
    h("section", { class: "card", "aria-labelledby": "docs-title" }, h("h2", { id: "docs-title" }, "Documents et données"),
      h("p", { class: "row" },
        h("button", { type: "button", onclick: () => save(`/people/${ref}/fiche.pdf`, "fiche-passerelle.pdf") }, "Télécharger la fiche passerelle (PDF)"),
        h("button", { type: "button", class: "secondary", onclick: exportData }, "Exporter les données"),
        h("button", { type: "button", class: "danger", onclick: erase }, "Effacer les données"))));
  await Promise.all([refreshProfile(), refreshNotes()]);
}

// -- observatory --------------------------------------------------------------------------------------
async function observatoryView(by = "bassin") {
  const choose = h("form", { class: "row" },
    h("div", {}, h("label", { for: "by" }, "Regrouper par"),
      h("select", { id: "by", name: "by" }, h("option", { value: "bassin", selected: by === "bassin" }, "Bassin d'emploi"),
        h("option", { value: "departement", selected: by === "departement" }, "Département"))),
    h("button", { type: "submit" }, "Afficher"));
  choose.addEventListener("submit", (event) => { event.preventDefault(); observatoryView(choose.by.value); });
  let seen;
  try { seen = await request("GET", `/observatory?by=${by}`); } catch (error) { failed(error); return; }
  const groups = seen.groups.map((g) => h("section", { class: "card" },
    h("h2", {}, `${g.territory_label} — ${g.branch || "toutes branches"} (${g.people} personnes)`),
    g.origins.length ? barChart("Métiers d'origine", g.origins.map((o) => ({ label: o.title, value: o.count }))) : null,
    g.proposed.length ? barChart("Passerelles proposées", g.proposed.map((o) => ({ label: o.title, value: o.count }))) : null,
    g.chosen.length ? barChart("Passerelles choisies", g.chosen.map((o) => ({ label: o.title, value: o.count }))) : null,
    g.missing.length ? barChart("Compétences manquantes", g.missing.map((o) => ({ label: o.label, value: o.count }))) : null));
  show("Observatoire", choose,
    h("p", {}, `Chiffres anonymes : un groupe de moins de ${seen.minimum_group} personnes n'est jamais montré. `
      + `Groupes non affichés : ${seen.withheld}.`),
    ...(groups.length ? groups : [h("p", {}, "Pas encore assez de personnes pour afficher des chiffres.")]));
}

// -- routing ------------------------------------------------------------------------------------------
function route() {
  const signedIn = Boolean(token.get());
  document.getElementById("nav").hidden = !signedIn;
  const [, view, argument] = location.hash.split("/");
  if (!signedIn) return loginView();
  if (view === "personne" && argument) return personView(decodeURIComponent(argument));
  if (view === "observatoire") return observatoryView();
  return peopleView();
}

document.getElementById("logout").addEventListener("click", () => { token.clear(); location.hash = "#/connexion"; route(); });
window.addEventListener("hashchange", route);
route();
