import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";

type Recorded<T> = { value: T } | { error: string };

/**
 * `make` once per vitest run, whichever test file asks first (each runs in a process of its
 * own; the others wait for the first): a shared cluster, a seeded template. Its result must be
 * JSON. A failure is recorded too, so every file that asks gets the same error instead of a wait.
 */
export async function runOnce<T>(key: string, make: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  const runDir = inject("pgRunDir");
  const record = recordOf(runDir, key);
  const read = () => readRecord<T>(runDir, key);
  let found = read();
  if (!found) {
    let maker = false;
    try {
      fs.mkdirSync(path.join(runDir, `${key}.making`));
      maker = true;
    } catch {
      // Another test file is making it.
    }
    if (maker) {
      let result: Recorded<T>;
      try {
        result = { value: await make() };
      } catch (e) {
        result = { error: e instanceof Error ? e.message : String(e) };
      }
      fs.writeFileSync(`${record}.tmp`, JSON.stringify(result));
      fs.renameSync(`${record}.tmp`, record);
    }
    for (let waited = 0; !(found = read()); waited += 100) {
      if (waited > timeoutMs) throw new Error(`${key} was not ready within ${timeoutMs / 1000} s.`);
      await sleep(100);
    }
  }
  if ("error" in found) throw new Error(found.error);
  return found.value;
}

function recordOf(runDir: string, key: string): string {
  return path.join(runDir, `${key}.json`);
}

function readRecord<T>(runDir: string, key: string): Recorded<T> | undefined {
  const record = recordOf(runDir, key);
  return fs.existsSync(record) ? (JSON.parse(fs.readFileSync(record, "utf8")) as Recorded<T>) : undefined;
}

/** What `runOnce(key, …)` made in the run whose directory is `runDir`, if it succeeded (the global teardown's view). */
export function madeOnce<T>(runDir: string, key: string): T | undefined {
  const found = readRecord<T>(runDir, key);
  return found && "value" in found ? found.value : undefined;
}
