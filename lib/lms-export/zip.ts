import "server-only";
import { PassThrough, Readable } from "node:stream";
import { ZipArchive } from "archiver";
import type { LmsPackage } from "./package";

/** The package as a ZIP stream (manifest first, as some LMS importers expect). */
export function lmsPackageZip(pkg: LmsPackage): Readable {
  const pass = new PassThrough();
  const archive = new ZipArchive({ zlib: { level: 9 } });
  archive.on("error", (e) => pass.destroy(e));
  archive.pipe(pass);
  const names = [...pkg.files.keys()].sort((a, b) => Number(isManifest(b)) - Number(isManifest(a)) || a.localeCompare(b));
  const date = new Date();
  for (const name of names) archive.append(pkg.files.get(name)!, { name, date });
  void archive.finalize();
  return pass;
}

/** The ZIP as a web stream, for route handlers. */
export function lmsPackageZipWeb(pkg: LmsPackage): ReadableStream<Uint8Array> {
  return Readable.toWeb(lmsPackageZip(pkg)) as ReadableStream<Uint8Array>;
}

function isManifest(name: string): boolean {
  return name === "imsmanifest.xml" || name === "cmi5.xml";
}
