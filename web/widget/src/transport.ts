// The conversation with Rasa: socket.io first (session_request with the visitor's id, so that a page
// reload finds the same conversation), Rasa's REST webhook when the socket cannot connect in time.

import { io, type Socket } from "socket.io-client";
import type { BranchConfig } from "./config";
import { WidgetError } from "./config";

/** How long the socket may take before the REST webhook is used instead. */
const SOCKET_SECONDS = 4;

export interface Transport {
  readonly kind: "socket.io" | "rest";
  send(text: string): Promise<void>;
  close(): void;
}

type Receive = (raw: unknown) => void;

function metadata(config: BranchConfig): Record<string, string> {
  return { branch: config.branch };
}

function restTransport(config: BranchConfig, sender: string, receive: Receive): Transport {
  return {
    kind: "rest",
    async send(text: string): Promise<void> {
      let response: Response;
      try {
        response = await fetch(config.rest_url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ sender, message: text, metadata: metadata(config) }),
        });
      } catch (error) {
        throw new WidgetError(
          "Votre message n'est pas parti. Vérifiez votre connexion et réessayez.",
          `${config.rest_url}: ${error}`,
        );
      }
      if (!response.ok) {
        throw new WidgetError(
          "L'assistant ne peut pas répondre pour le moment. Réessayez dans quelques minutes.",
          `POST ${config.rest_url} answered ${response.status}`,
        );
      }
      const messages: unknown = await response.json();
      if (Array.isArray(messages)) messages.forEach(receive);
    },
    close(): void {},
  };
}

function socketTransport(socket: Socket, config: BranchConfig, sessionId: string): Transport {
  return {
    kind: "socket.io",
    async send(text: string): Promise<void> {
      if (!socket.connected) {
        throw new WidgetError(
          "La connexion avec l'assistant est coupée. Patientez quelques secondes et réessayez.",
          `socket.io to ${config.socket_url} is disconnected`,
        );
      }
      socket.emit("user_uttered", { message: text, session_id: sessionId, metadata: metadata(config) });
    },
    close(): void {
      socket.close();
    },
  };
}

/** The socket confirmed for this session, or null when it did not connect within SOCKET_SECONDS. */
function confirmedSocket(config: BranchConfig, sessionId: string, receive: Receive): Promise<Socket | null> {
  const socket = io(config.socket_url, {
    path: config.socket_path,
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    timeout: SOCKET_SECONDS * 1000,
  });
  socket.on("bot_uttered", receive);
  // Rasa puts a socket in the session's room on session_request: asked again after each reconnection.
  socket.on("connect", () => socket.emit("session_request", { session_id: sessionId }));
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => {
      socket.close();
      resolve(null);
    }, SOCKET_SECONDS * 1000);
    socket.once("session_confirm", () => {
      window.clearTimeout(timer);
      resolve(socket);
    });
  });
}

export async function connect(config: BranchConfig, sessionId: string, receive: Receive): Promise<Transport> {
  const socket = await confirmedSocket(config, sessionId, receive);
  if (socket) return socketTransport(socket, config, sessionId);
  console.warn(
    `Passerelles: no socket.io session at ${config.socket_url} within ${SOCKET_SECONDS} s, using REST`,
  );
  return restTransport(config, sessionId, receive);
}
