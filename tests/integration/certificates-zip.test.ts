import { parse } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzip } from "../support/unzip";
import { clearCatalogCache } from "@/lib/content/catalog";
import { certificatesZipStream } from "@/lib/certificates/zip";
import { FIXTURE_COURSE, FIXTURE_ROOT, seedRegister, type SeededLearner } from "@/tests/support/reports-seed";
import { openTestDb, type TestDb } from "./support/test-db";

const BASE = "https://formazione.example.it";
const t0 = Date.parse("2026-03-02T08:00:00Z");

describe("bulk certificates ZIP", () => {
  let t: TestDb;
  let learners: SeededLearner[];
  let companyId: number;

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const seeded = await seedRegister(t, t0);
    learners = seeded.learners;
    companyId = seeded.companyId;
  }, 60_000);
  afterAll(() => t.close());

  const zip = async (filter: { department?: string; completedFrom?: Date; completedBefore?: Date } = {}, filters: Record<string, string> = {}) =>
    unzip(
      Buffer.from(
        await new Response(
          certificatesZipStream(t, {
            filter: { scope: { companyId, departments: null }, courseSlug: FIXTURE_COURSE, ...filter },
            filters,
            actor: { userId: learners[0]!.id, sessionId: "s-admin" },
            contentRoot: FIXTURE_ROOT,
            baseUrl: BASE,
          }),
        ).arrayBuffer(),
      ),
    );

  it("holds one valid PDF per certificate and an index that lists them", async () => {
    const codes = await t.all<{ code: string; name: string }>("SELECT c.code, u.first_name || ' ' || u.last_name AS name FROM certificates c JOIN users u ON u.id = c.user_id");
    expect(codes).toHaveLength(8);
    const files = await zip();
    expect([...files.keys()].sort()).toEqual([...codes.map((c) => `attestato-${c.code}.pdf`), "indice.csv"].sort());
    for (const { code, name } of codes) {
      const pdf = files.get(`attestato-${code}.pdf`)!;
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const parser = new PDFParse({ data: pdf });
      const { text, total } = await parser.getText();
      await parser.destroy();
      expect(total).toBe(1);
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain(name.replace(/\s+/g, " "));
      expect(flat).toContain(`Attestato n. ${code}`);
      expect(flat).toMatch(/Ore frequentate: \d+:\d{2} \(\d+,\d{2} ore\)/);
    }
    const index = files.get("indice.csv")!;
    expect([...index.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = index.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Codice attestato;Cognome;Nome;Codice fiscale;Corso;Piano formativo;Ciclo;Data completamento;Ore frequentate (h:mm);Ore frequentate (decimali);Punteggio test finale %;Stato;Scadenza;File");
    expect(lines).toHaveLength(9);
    const anna = lines.find((l) => l.includes(";Neri;Anna;"))!;
    expect(anna).toMatch(/^[0-9A-Z-]{19};Neri;Anna;NRENNA80A41H501U;Corso valido;;1;02\/03\/2026 \d{2}:\d{2}:\d{2};0:11;0,18;100,0;valido;;attestato-/);

    const event = (await t.get<{ subject: string; data: string }>("SELECT subject, data FROM audit_events WHERE type = 'admin.export' ORDER BY id DESC LIMIT 1"))!;
    expect(event.subject).toBe(`certificates:zip:${FIXTURE_COURSE}`);
    expect(JSON.parse(event.data)).toMatchObject({ format: "zip", rows: 8, complete: true, filters: { course: FIXTURE_COURSE, companyId } });
  });

  it("is recorded before its last byte reaches the client: the admin.export event exists once the download ends", async () => {
    const count = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'admin.export'"))!.n;
    const before = await count();
    // An audit append that takes a while, as a real one may under load: the download must wait for it.
    const slowWrites = new Proxy(t, {
      get(target, prop) {
        if (prop === "write") return async (...args: Parameters<TestDb["write"]>) => (await new Promise((r) => setTimeout(r, 300)), target.write(...args));
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const body = await new Response(
      certificatesZipStream(slowWrites, {
        filter: { scope: { companyId, departments: null }, courseSlug: FIXTURE_COURSE },
        filters: {},
        actor: { userId: learners[0]!.id, sessionId: "s-admin" },
        contentRoot: FIXTURE_ROOT,
        baseUrl: BASE,
      }),
    ).arrayBuffer();
    // Nothing awaited between the end of the download and the count.
    expect(await count()).toBe(before + 1);
    expect(body.byteLength).toBeGreaterThan(0);
  });

  it("filters by department and completion date; revoked certificates are listed as revoked", async () => {
    const vendite = await zip({ department: "Vendite" }, { department: "Vendite" });
    expect([...vendite.keys()].filter((f) => f.endsWith(".pdf"))).toHaveLength(2);
    const none = await zip({ completedFrom: new Date("2026-03-03T00:00:00+01:00") });
    expect([...none.keys()]).toEqual(["indice.csv"]);
    expect(none.get("indice.csv")!.subarray(3).toString("utf8").trimEnd().split("\r\n")).toHaveLength(1);

    const code = (await t.get<{ code: string }>("SELECT code FROM certificates ORDER BY id LIMIT 1"))!.code;
    await t.run("UPDATE certificates SET revoked_at = ?, revoked_reason = 'test', revoked_by = ? WHERE code = ?", [Math.floor(t0 / 1000) + 86_400, learners[0]!.id, code]);
    const all = await zip();
    // Parsed as CSV: names in the fixture hold `;`, quotes and newlines.
    const index = parse(all.get("indice.csv")!, { delimiter: ";", bom: true, relax_column_count: true }) as string[][];
    const row = index.find((r) => r[0] === code);
    expect(row?.[11]).toBe("revocato il 03/03/2026 09:00:00");
    const parser = new PDFParse({ data: all.get(`attestato-${code}.pdf`)! });
    expect((await parser.getText()).text).toContain("REVOCATO");
    await parser.destroy();
  });
});
