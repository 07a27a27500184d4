import { openPostgres } from "../../../db/pg/open";

/**
 * One app process starting: `node --import tsx pg-migrate-child.ts <url> <start at, Unix ms>`
 * waits for the given moment (so several start together), opens and migrates, prints "migrated".
 */
async function main() {
  const [url, startAt] = process.argv.slice(2);
  if (!url) throw new Error("usage: pg-migrate-child.ts <url> <start at, Unix ms>");
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const db = await openPostgres(url, { max: 2 });
  await db.close();
  console.log("migrated");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
