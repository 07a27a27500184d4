/**
 * Finds the SCORM API object the LMS put on a parent window (or the opener's), the usual
 * search: up the frames, at most a few levels, then the window that opened this one.
 */
export function findApi<T>(name: "API" | "API_1484_11"): T | null {
  const look = (start: Window | null): T | null => {
    let w: Window | null = start;
    for (let depth = 0; w && depth < 10; depth++) {
      try {
        const api = (w as unknown as Record<string, unknown>)[name];
        if (api) return api as T;
      } catch {
        // A frame of another origin: keep climbing.
      }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  };
  return look(window) ?? (window.opener ? look(window.opener as Window) : null);
}
