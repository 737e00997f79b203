// The branch's settings, from the Passerelles API: GET /api/v1/widget/{branch}.

export interface BranchConfig {
  branch: string;
  title: string;
  welcome: string;
  logo_url: string | null;
  colors: { primary: string; on_primary: string };
  sectors: string[];
  socket_url: string;
  socket_path: string;
  rest_url: string;
}

/** A failure with a sentence for people and the details for operators (browser console). */
export class WidgetError extends Error {
  constructor(
    readonly french: string,
    detail: string,
  ) {
    super(detail);
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new WidgetError(
      "Le service ne répond pas. Vérifiez votre connexion et réessayez.",
      `${url}: ${error}`,
    );
  }
  if (!response.ok) {
    const body = await response.text();
    throw new WidgetError(
      "Le service rencontre un problème. Réessayez dans quelques minutes.",
      `${init?.method ?? "GET"} ${url} answered ${response.status}: ${body.slice(0, 300)}`,
    );
  }
  return (await response.json()) as T;
}

export function loadConfig(apiBase: string, branch: string): Promise<BranchConfig> {
  return fetchJson<BranchConfig>(`${apiBase}/api/v1/widget/${encodeURIComponent(branch)}`);
}
