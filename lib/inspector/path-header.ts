/** The path the proxy saw: it sets this request header on every page request it rewrites (proxy.ts). */
export const PATH_HEADER = "x-binomio-path";
