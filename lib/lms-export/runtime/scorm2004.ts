/**
 * SCORM 2004 3rd edition run-time: `cmi.completion_status`, `cmi.success_status`,
 * `cmi.score.scaled` (and raw/min/max), `cmi.progress_measure`, `cmi.session_time` as an ISO
 * 8601 duration, `cmi.location` and `cmi.suspend_data` for resume, `cmi.exit`, and
 * `cmi.interactions.n.*` for every answer.
 */
import { isoDuration, scorm2004Timestamp } from "../durations";
import type { LmsAdapter, LmsAnswer, LmsReport, LmsSession } from "./lms";
import { findApi } from "./find-api";

interface Scorm2004Api {
  Initialize(arg: ""): string;
  Terminate(arg: ""): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ""): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

function responseOf(a: LmsAnswer, ids: readonly string[]): string {
  return ids.join("[,]");
}

export function scorm2004Adapter(locale: string): LmsAdapter {
  let api: Scorm2004Api | null = null;
  let error: string | null = null;
  let interactions = 0;
  let readOnly = false;
  const set = (element: string, value: string) => {
    if (!api) return;
    if (api.SetValue(element, value) !== "true") {
      const code = api.GetLastError();
      error = `${element}: ${code} ${api.GetErrorString(code)}`;
    }
  };
  return {
    async start(): Promise<LmsSession | null> {
      api = findApi<Scorm2004Api>("API_1484_11");
      if (!api || api.Initialize("") !== "true") {
        api = null;
        return null;
      }
      interactions = Number(api.GetValue("cmi.interactions._count")) || 0;
      readOnly = api.GetValue("cmi.mode") !== "normal";
      const resume = api.GetValue("cmi.entry") === "resume";
      if (!readOnly && ["unknown", "not attempted", ""].includes(api.GetValue("cmi.completion_status"))) set("cmi.completion_status", "incomplete");
      return {
        mode: readOnly ? "review" : "normal",
        state: resume ? api.GetValue("cmi.suspend_data") || null : null,
        location: resume ? api.GetValue("cmi.location") || null : null,
      };
    },
    save(state, location) {
      if (readOnly) return;
      set("cmi.suspend_data", state);
      set("cmi.location", location.slice(0, 1000));
      set("cmi.exit", "suspend");
    },
    report(r: LmsReport) {
      if (readOnly) return;
      set("cmi.progress_measure", r.progress.toFixed(4));
      if (r.final?.score != null) {
        set("cmi.score.min", "0");
        set("cmi.score.max", "100");
        set("cmi.score.raw", String(r.final.score));
        set("cmi.score.scaled", (r.final.score / 100).toFixed(4));
      }
      set("cmi.completion_status", r.complete ? "completed" : "incomplete");
      set("cmi.success_status", !r.final ? "unknown" : r.final.passed ? "passed" : r.final.failedOut ? "failed" : "unknown");
    },
    answered(a: LmsAnswer) {
      if (readOnly) return;
      const n = `cmi.interactions.${interactions++}`;
      set(`${n}.id`, a.id);
      set(`${n}.type`, a.question.type === "true-false" ? "true-false" : "choice");
      set(`${n}.timestamp`, scorm2004Timestamp(a.at));
      set(`${n}.weighting`, "1");
      set(`${n}.description`, `{lang=${locale}}${a.question.prompt.slice(0, 240)}`);
      set(`${n}.correct_responses.0.pattern`, responseOf(a, a.right));
      set(`${n}.learner_response`, responseOf(a, a.chosen));
      set(`${n}.result`, a.correct ? "correct" : "incorrect");
    },
    commit() {
      if (api && api.Commit("") !== "true") error = `Commit: ${api.GetLastError()}`;
    },
    async finish(activeSeconds: number) {
      if (!api) return null;
      if (!readOnly) set("cmi.session_time", isoDuration(activeSeconds));
      api.Commit("");
      api.Terminate("");
      api = null;
      return null;
    },
    lastError: () => error,
  };
}
