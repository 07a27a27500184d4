"use client";

import { useEffect } from "react";
import { HEARTBEAT_INTERVAL_MS, INPUT_IDLE_MS } from "@/lib/progress/time-credit";

/** Dispatched on `window` with the seconds the server credited, for the page's time counter. */
export const CREDITED_EVENT = "binomio:credited";

/** Dispatched on `window` with a presence check the server asked (`{id, a, b, options}`), for the dialog. */
export const PRESENCE_EVENT = "binomio:presence-check";

/** Dispatched on `window` when the open presence check was answered right: the time runs again. */
export const PRESENCE_RESOLVED_EVENT = "binomio:presence-resolved";

/**
 * Tells the server the learner is actively on this lesson: only while the page is visible
 * and there was a scroll, key or pointer event in the last two minutes; one last beat on
 * leave. It sends no time — the server measures it (see lib/progress/time-credit.ts).
 */
export function LessonHeartbeat({ courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string }) {
  useEffect(() => {
    const body = JSON.stringify({ courseSlug, lessonSlug });
    let lastInput = Date.now();
    const active = () => document.visibilityState === "visible" && Date.now() - lastInput < INPUT_IDLE_MS;
    const onInput = () => {
      lastInput = Date.now();
    };
    const beat = () => {
      if (!active()) return;
      void fetch("/api/heartbeat", { method: "POST", headers: { "content-type": "application/json" }, body, keepalive: true })
        .then(async (res) => {
          if (!res.ok) return;
          const { creditedSeconds, presenceCheck } = (await res.json()) as { creditedSeconds?: number; presenceCheck?: unknown };
          if (typeof creditedSeconds === "number" && creditedSeconds > 0) window.dispatchEvent(new CustomEvent(CREDITED_EVENT, { detail: creditedSeconds }));
          if (presenceCheck) window.dispatchEvent(new CustomEvent(PRESENCE_EVENT, { detail: presenceCheck }));
        })
        .catch(() => undefined);
    };
    const onLeave = () => {
      if (active()) navigator.sendBeacon("/api/heartbeat", new Blob([body], { type: "application/json" }));
    };
    const events = ["scroll", "keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    window.addEventListener("pagehide", onLeave);
    const timer = window.setInterval(beat, HEARTBEAT_INTERVAL_MS);
    return () => {
      window.clearInterval(timer);
      for (const e of events) window.removeEventListener(e, onInput);
      window.removeEventListener("pagehide", onLeave);
    };
  }, [courseSlug, lessonSlug]);
  return null;
}
