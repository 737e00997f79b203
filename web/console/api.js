// Calls to the Passerelles API with the counsellor's bearer token (kept for the browser tab only).
const BASE = "/api/v1";
const KEY = "passerelles-token";

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function failure(response) {
  let detail = "Le service ne répond pas comme prévu : merci de réessayer.";
  try {
    detail = (await response.json()).detail || detail;
  } catch {
    // not JSON: keep the generic sentence
  }
  if (response.status === 401) {
    token.clear();
    location.hash = "#/connexion";
  }
  return new ApiError(response.status, detail);
}

/** While the service starts (503), a request is tried again this many times, a few seconds apart. */
const STARTING_RETRIES = 20;

export async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  if (token.get()) headers.Authorization = `Bearer ${token.get()}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const send = () =>
    fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let response = await send();
  for (let retry = 0; response.status === 503 && retry < STARTING_RETRIES; retry++) {
    const seconds = Math.min(Number(response.headers.get("Retry-After")) || 5, 5);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await send();
  }
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

export async function download(path) {
  const response = await fetch(BASE + path, { headers: { Authorization: `Bearer ${token.get()}` } });
  if (!response.ok) throw await failure(response);
  return response.blob();
}

export async function signIn(email, password) {
  const form = new URLSearchParams({ username: email, password });
  const response = await fetch(`${BASE}/auth/token`, { method: "POST", body: form });
  if (!response.ok) throw await failure(response);
  token.set((await response.json()).access_token);
}
