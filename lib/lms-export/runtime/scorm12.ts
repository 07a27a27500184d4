/**
 * SCORM 1.2 run-time: `cmi.core.lesson_status`, `cmi.core.score.*`, `cmi.core.session_time`,
 * `cmi.core.lesson_location` and `cmi.suspend_data` for resume, `cmi.core.exit`, and
 * `cmi.interactions.n.*` for every answer.
 */
import { scorm12Time, scorm12Timespan } from "../durations";
import type { LmsAdapter, LmsAnswer, LmsReport, LmsSession } from "./lms";
import { findApi } from "./find-api";

interface Scorm12Api {
  LMSInitialize(arg: ""): string;
  LMSFinish(arg: ""): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ""): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** Option ids as SCORM 1.2 choice responses: one character each (a, b, c… by the authored order); true-false as t/f. */
function responseOf(a: LmsAnswer, ids: readonly string[]): string {
  if (a.question.type === "true-false") return ids.map((id) => (id === "true" ? "t" : "f")).join(",");
  const letters = a.question.options.map((o) => o.id);
  return ids.map((id) => String.fromCharCode(97 + letters.indexOf(id))).join(",");
}

export function scorm12Adapter(): LmsAdapter {
  let api: Scorm12Api | null = null;
  let error: string | null = null;
  let interactions = 0;
  let readOnly = false;
  const set = (element: string, value: string) => {
    if (!api) return;
    if (api.LMSSetValue(element, value) !== "true") {
      const code = api.LMSGetLastError();
      error = `${element}: ${code} ${api.LMSGetErrorString(code)}`;
    }
  };
  return {
    async start(): Promise<LmsSession | null> {
      api = findApi<Scorm12Api>("API");
      if (!api || api.LMSInitialize("") !== "true") {
        api = null;
        return null;
      }
      interactions = Number(api.LMSGetValue("cmi.interactions._count")) || 0;
      readOnly = ["browse", "review"].includes(api.LMSGetValue("cmi.core.lesson_mode"));
      const entry = api.LMSGetValue("cmi.core.entry");
      const status = api.LMSGetValue("cmi.core.lesson_status");
      if (!readOnly && (status === "not attempted" || status === "")) set("cmi.core.lesson_status", "incomplete");
      const resume = entry === "resume" || entry === "";
      return {
        mode: readOnly ? "review" : "normal",
        state: resume ? api.LMSGetValue("cmi.suspend_data") || null : null,
        location: resume ? api.LMSGetValue("cmi.core.lesson_location") || null : null,
      };
    },
    save(state, location) {
      if (readOnly) return;
      set("cmi.suspend_data", state);
      set("cmi.core.lesson_location", location.slice(0, 255));
      set("cmi.core.exit", "suspend");
    },
    report(r: LmsReport) {
      if (readOnly) return;
      if (r.final?.score != null) {
        set("cmi.core.score.min", "0");
        set("cmi.core.score.max", "100");
        set("cmi.core.score.raw", String(r.final.score));
      }
      const status = r.complete ? (r.final ? "passed" : "completed") : r.final?.failedOut ? "failed" : "incomplete";
      set("cmi.core.lesson_status", status);
    },
    answered(a: LmsAnswer) {
      if (readOnly) return;
      const n = `cmi.interactions.${interactions++}`;
      set(`${n}.id`, a.id.slice(0, 255));
      set(`${n}.time`, scorm12Time(a.at));
      set(`${n}.type`, a.question.type === "true-false" ? "true-false" : "choice");
      set(`${n}.weighting`, "1");
      set(`${n}.student_response`, responseOf(a, a.chosen));
      set(`${n}.correct_responses.0.pattern`, responseOf(a, a.right));
      set(`${n}.result`, a.correct ? "correct" : "wrong");
    },
    commit() {
      if (api && api.LMSCommit("") !== "true") error = `LMSCommit: ${api.LMSGetLastError()}`;
    },
    async finish(activeSeconds: number) {
      if (!api) return null;
      if (!readOnly) set("cmi.core.session_time", scorm12Timespan(activeSeconds));
      api.LMSCommit("");
      api.LMSFinish("");
      api = null;
      return null;
    },
    lastError: () => error,
  };
}
