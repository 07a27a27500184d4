import { describe, expect, it } from "vitest";
import { dossierSubject, exportSubject } from "./export-labels";

describe("export subjects in words", () => {
  const ctx = {
    plans: new Map([[3, "Competenze digitali 2026"]]),
    names: new Map([[42, "Neri Anna"]]),
    courseTitle: (slug: string) => (slug === "lavoro-e-social-media" ? "Lavoro e social media" : null),
  };

  it("names the dossier's own downloads, the participant by name", () => {
    expect(exportSubject(dossierSubject("register", 3), {}, ctx)).toBe("Registro FAD del piano — piano «Competenze digitali 2026»");
    expect(exportSubject(dossierSubject("participant-register", 3, 42), {}, ctx)).toBe("Registro FAD individuale — Neri Anna, piano «Competenze digitali 2026»");
    expect(exportSubject(dossierSubject("participant-register", 3, 7), {}, ctx)).toBe("Registro FAD individuale — partecipante non più nel piano, piano «Competenze digitali 2026»");
    expect(exportSubject(dossierSubject("declaration", 3), {}, ctx)).toBe("Dichiarazione sostitutiva — piano «Competenze digitali 2026»");
    expect(exportSubject(dossierSubject("course-file", 9), {}, ctx)).toBe("Fascicolo del corso");
  });

  it("names the reports' exports with the course's title and the plan, never a slug", () => {
    expect(exportSubject("report:register:lavoro-e-social-media", { plan: 3 }, ctx)).toBe("Registro dei partecipanti — Lavoro e social media, piano «Competenze digitali 2026»");
    expect(exportSubject("report:sessions:all", { plan: "none" }, ctx)).toBe("Registro degli accessi — tutti i corsi, senza piano");
    expect(exportSubject("certificates:zip:old-course", {}, ctx)).toBe("Attestati — corso non più pubblicato");
    expect(exportSubject("something:else", {}, ctx)).toBe("Altra esportazione");
    expect(exportSubject(null, {}, ctx)).toBe("Altra esportazione");
  });
});
