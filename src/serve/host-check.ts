import type { FastifyReply, FastifyRequest } from "fastify";
import type { AddressInfo } from "node:net";
import { hostname, networkInterfaces } from "node:os";

// Against DNS rebinding: a page on another site can make a browser send requests to this server under a
// name the attacker controls (evil.example resolving to 127.0.0.1), and read the answers as its own. Such
// a request still carries the attacker's name in its Host header, so the server answers only requests
// that name an address it listens on: the loopback names, the --host it was given, and — listening on
// every address (0.0.0.0, ::) — this machine's own addresses and name.

const LOOPBACK = ["127.0.0.1", "localhost", "::1"];
const WILDCARD = new Set(["0.0.0.0", "::", ""]);

/** A host name as compared: lower case, no IPv6 brackets, no trailing dot. */
const normalized = (name: string) => name.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");

/** The names a request may give in its Host header when the server listens on `host`. */
export function acceptedNames(host: string): Set<string> {
  const names = new Set(LOOPBACK);
  const listening = normalized(host);
  if (!WILDCARD.has(listening)) names.add(listening);
  else {
    names.add(normalized(hostname()));
    for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.add(normalized(address.address));
  }
  return names;
}

/** A Host header's name and port (null when it gives none); null when it is not a host[:port] at all. */
export function parseHost(header: string): { name: string; port: number | null } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/.exec(header);
  if (!match) return null;
  return { name: normalized(match[1]!), port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * A request hook refusing (421, in one Chinese line) a request whose Host header names neither an
 * accepted name nor the port the server listens on (when it listens: requests injected in tests have no
 * port to compare).
 */
export function hostCheck(host: string, listeningPort: () => number | null) {
  const names = acceptedNames(host);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.host ?? "";
    const parsed = parseHost(header);
    const port = listeningPort();
    const portFits = parsed !== null && (port === null || (parsed.port ?? 80) === port);
    if (parsed && names.has(parsed.name) && portFits) return;
    const shown = JSON.stringify(header.slice(0, 100));
    return reply.code(421).send({ error: `拒绝请求:Host 请求头 ${shown} 不是本服务监听的地址(防止 DNS 重绑定);请用 127.0.0.1、localhost 或 --host 指定的地址访问` });
  };
}

/** The port a Fastify server listens on; null before it listens. */
export function portOf(address: string | AddressInfo | null): number | null {
  return address !== null && typeof address === "object" ? address.port : null;
}
