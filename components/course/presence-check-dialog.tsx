"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { PRESENCE_EVENT, PRESENCE_RESOLVED_EVENT } from "@/components/course/lesson-heartbeat";

type Check = { id: number; a: number; b: number; options: number[] };
type Status = "asking" | "sending" | "wrong" | "error";

function isCheck(v: unknown): v is Check {
  const c = v as Check;
  return !!c && Number.isInteger(c.id) && Number.isInteger(c.a) && Number.isInteger(c.b) && Array.isArray(c.options) && c.options.every(Number.isInteger);
}

/**
 * The presence check (verifica di presenza) of a lesson page: when a heartbeat's answer carries
 * a question, a modal dialog asks it. The native modal `<dialog>` keeps focus inside and makes
 * the page behind it inert; Escape does not dismiss it (the plan asks for an answer). The
 * server stops crediting time until a right answer arrives, whatever this component does.
 */
export function PresenceCheckDialog() {
  const t = useTranslations("presence");
  const ref = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [status, setStatus] = useState<Status>("asking");
  const [thanks, setThanks] = useState(false);
  const shown = useRef<number | null>(null);

  useEffect(() => {
    const onCheck = (e: Event) => {
      const detail = (e as CustomEvent<unknown>).detail;
      if (!isCheck(detail)) return;
      // Every heartbeat repeats the open question: only a new one resets the dialog.
      if (shown.current === detail.id) return;
      shown.current = detail.id;
      setCheck(detail);
      setStatus("asking");
      setThanks(false);
    };
    window.addEventListener(PRESENCE_EVENT, onCheck);
    return () => window.removeEventListener(PRESENCE_EVENT, onCheck);
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (check && !dialog.open) {
      dialog.showModal();
      // Focus on the question's title, not on an option: a focused option would look chosen.
      title.current?.focus();
    }
    if (!check && dialog.open) dialog.close();
  }, [check]);

  async function answer(value: number) {
    if (!check || status === "sending") return;
    setStatus("sending");
    try {
      const res = await fetch(`/api/presence-checks/${check.id}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answer: value }),
      });
      if (res.status === 404 || res.status === 409) {
        // Answered elsewhere (another tab) or gone: nothing left to ask here.
        setCheck(null);
        return;
      }
      if (!res.ok) {
        setStatus("error");
        return;
      }
      const body = (await res.json()) as { correct: boolean; next: unknown };
      if (!body.correct && isCheck(body.next)) {
        shown.current = body.next.id;
        setCheck(body.next);
        setStatus("wrong");
        return;
      }
      setCheck(null);
      setThanks(true);
      window.dispatchEvent(new CustomEvent(PRESENCE_RESOLVED_EVENT));
    } catch {
      setStatus("error");
    }
  }

  return (
    <>
      <dialog
        ref={ref}
        className="presence-dialog"
        aria-labelledby="presence-title"
        aria-describedby="presence-intro"
        onCancel={(e) => e.preventDefault()}
      >
        {check ? (
          <>
            <h2 id="presence-title" ref={title} tabIndex={-1}>
              {t("title")}
            </h2>
            <p id="presence-intro">{t("intro")}</p>
            <div role="status" aria-live="polite">
              {status === "wrong" ? <p className="alert alert--error">{t("wrong")}</p> : null}
              {status === "error" ? <p className="alert alert--error">{t("error")}</p> : null}
              {status === "sending" ? <p className="muted">{t("sending")}</p> : null}
            </div>
            <fieldset className="presence-options">
              <legend className="presence-question">{t("question", { a: check.a, b: check.b })}</legend>
              {check.options.map((o) => (
                <button key={`${check.id}-${o}`} type="button" onClick={() => void answer(o)}>
                  {o}
                </button>
              ))}
            </fieldset>
          </>
        ) : null}
      </dialog>
      <div role="status" aria-live="polite" className="presence-thanks">
        {thanks ? <p className="alert alert--ok">{t("thanks")}</p> : null}
      </div>
    </>
  );
}
