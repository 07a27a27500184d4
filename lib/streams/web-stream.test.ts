import { describe, expect, it, vi } from "vitest";
import { backgroundStream } from "./web-stream";

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe("backgroundStream", () => {
  it("streams what the background writer writes", async () => {
    const body = backgroundStream("a test", async (out) => {
      out.write("uno ");
      await new Promise((r) => setTimeout(r, 5));
      out.end("due");
    });
    expect(await readAll(body)).toBe("uno due");
  });

  it.each([
    ["throws before its first await", () => { throw new Error("broken at the start"); }],
    ["rejects later", async () => { await new Promise((r) => setTimeout(r, 5)); throw new Error("broken at the start"); }],
  ])("a writer that %s ends the download with its error, and nothing is left unhandled", async (_, fill) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const body = backgroundStream("a test", fill as () => Promise<void>);
      await expect(readAll(body)).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(logged).toHaveBeenCalledWith("Binomio: a test stopped:", expect.objectContaining({ message: "broken at the start" }));
    } finally {
      process.off("unhandledRejection", onUnhandled);
      logged.mockRestore();
    }
  });

  it("tells the writer when the client has gone", async () => {
    let sawClosed: boolean | undefined;
    let release!: () => void;
    const gone = new Promise<void>((r) => (release = r));
    const body = backgroundStream("a test", async (out, isClosed) => {
      out.write("x");
      out.once("close", () => {
        sawClosed = isClosed();
        release();
      });
    });
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    await gone;
    expect(sawClosed).toBe(true);
  });
});
