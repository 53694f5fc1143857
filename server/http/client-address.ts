import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * `address` in the form PostgreSQL's `inet` accepts, or null when it is not
 * an IP address. An IPv6 zone (`fe80::1%eth0`) names an interface of this
 * machine, means nothing in a record, and `inet` refuses it: it is dropped.
 */
export function asInetAddress(address: string | undefined): string | null {
  if (address === undefined || isIP(address) === 0) return null;
  const zone = address.indexOf('%');
  return zone === -1 ? address : address.slice(0, zone);
}

/**
 * The client's IP address as Express derives it (the socket, or the
 * X-Forwarded-For entry `TRUST_PROXY_HOPS` proxies back), or null when that
 * entry is not an address: a client can send any text there (`garbage`,
 * `[::1`, a port), and a proxy only appends to it.
 */
export function clientAddress(req: Request): string | null {
  return asInetAddress(req.ip);
}

/** The address of whatever opened the connection (the client, or the nearest proxy): an IP while the socket is open. */
export function peerAddress(req: Request): string | null {
  return asInetAddress(req.socket.remoteAddress);
}
