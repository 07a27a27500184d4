/** `http://<host>:<port>`, an IPv6 address in brackets. */
export function httpOrigin(host: string, port: string): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
