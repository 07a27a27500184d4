import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { parseEmployeeCsv } from "@/lib/people/csv-import";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Peak heap growth while `fn` runs, sampled every few milliseconds. */
async function peakHeapGrowth(fn: () => Promise<unknown>): Promise<{ bytes: number; value: unknown }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { bytes: peak - base, value };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The employee file is parsed as it is read, with bounds on columns, cells per row, row length
 * and bytes: a 10 MB file whose header holds five million empty cells used to exhaust the
 * server's 192 MB heap.
 */
describe("employee CSV bounds", () => {
  it("refuses a header of five million cells without building them", async () => {
    const header = "cognome;nome;email;codice_fiscale" + ";x".repeat(5_000_000);
    const bytes = new TextEncoder().encode(header + "\nRossi;Mario;m@acme.it;RSSMRA85T10A562S\n");
    const { bytes: growth, value } = await peakHeapGrowth(() => parseEmployeeCsv(bytes));
    // The file itself is 10 MB; parsing it may not cost several times that.
    expect(growth).toBeLessThan(40 * 1024 * 1024);
    expect(value).toMatchObject({ ok: false, problem: { code: "too-wide" } });
  });

  it("refuses a row longer than any employee record, wherever it is", async () => {
    const header = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto";
    const long = `Rossi;Mario;m@acme.it;RSSMRA85T10A562S;${"x".repeat(3_000_000)};;`;
    const r = await parseEmployeeCsv(new TextEncoder().encode(`${header}\n${long}\n`));
    expect(r).toMatchObject({ ok: false, problem: { code: "too-wide" } });
  });
});

describe("employee CSV read as a stream", () => {
  /** The file as the upload delivers it: in pieces, the way a chunked request arrives. */
  function pieces(bytes: Uint8Array, size: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + size));
        offset += size;
      },
    });
    return { stream, pulled: () => offset };
  }

  it("stops reading at the first line that is too wide, without reading the rest", async () => {
    const header = new TextEncoder().encode("cognome;nome;email;codice_fiscale" + ";".repeat(200) + "\n");
    const file = new Uint8Array(8 * 1024 * 1024);
    file.set(header);
    const { stream, pulled } = pieces(file, 64 * 1024);
    expect(await parseEmployeeCsv(stream)).toEqual({ ok: false, problem: { code: "too-wide", line: 1 } });
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops at the size limit, and parses a good file read in pieces like the whole", async () => {
    const { stream } = pieces(new Uint8Array(11 * 1024 * 1024).fill(0x0a), 256 * 1024);
    expect(await parseEmployeeCsv(stream)).toMatchObject({ ok: false, problem: { code: "too-large" } });
    const good = new TextEncoder().encode(
      "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto\nRossi;Mario;mario.rossi@acme.it;RSSMRA85T10A562S;Magazzino;Operaio;Tempo indeterminato\n",
    );
    const whole = await parseEmployeeCsv(good);
    expect(whole.ok).toBe(true);
    expect(await parseEmployeeCsv(pieces(good, 7).stream)).toEqual(whole);
  });
});
