/**
 * The files an LMS reads to import a package: `imsmanifest.xml` (SCORM 1.2 and SCORM 2004
 * 3rd edition) and `cmi5.xml`. One SCO (one cmi5 AU) for the whole course: see README,
 * "Use the course in your LMS". Built with xmlbuilder2, so every value is escaped.
 */
import { create } from "xmlbuilder2";
import type { ContentLocale } from "@/lib/content/names";

export interface ManifestInput {
  /** An xsd:ID-safe identifier of the package (letters, digits, hyphens, dots). */
  identifier: string;
  title: string;
  description: string;
  locale: ContentLocale;
  /** Every file of the package except the manifest itself, with `/` separators. */
  files: readonly string[];
  /** The launch page. */
  launch: string;
}

/** SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2). No mastery score: the package decides pass/fail with the course's whole rule. */
export function scorm12Manifest(m: ManifestInput): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "manifest", {
    identifier: m.identifier,
    version: "1.0",
    "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation":
      "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
  });
  doc.ele("metadata").ele("schema").txt("ADL SCORM").up().ele("schemaversion").txt("1.2");
  const org = doc.ele("organizations", { default: "org" }).ele("organization", { identifier: "org" });
  org.ele("title").txt(m.title);
  org.ele("item", { identifier: "item", identifierref: "sco", isvisible: "true" }).ele("title").txt(m.title);
  const res = doc.ele("resources").ele("resource", { identifier: "sco", type: "webcontent", "adlcp:scormtype": "sco", href: m.launch });
  for (const f of m.files) res.ele("file", { href: f });
  return doc.end({ prettyPrint: true });
}

/** SCORM 2004 3rd edition (IMS CP 1.1.4 + ADL CP 1.3). */
export function scorm2004Manifest(m: ManifestInput): string {
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele("http://www.imsglobal.org/xsd/imscp_v1p1", "manifest", {
    identifier: m.identifier,
    version: "1",
    "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "xmlns:adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "xmlns:adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "xmlns:imsss": "http://www.imsglobal.org/xsd/imsss",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation":
      "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
  });
  doc.ele("metadata").ele("schema").txt("ADL SCORM").up().ele("schemaversion").txt("2004 3rd Edition");
  const org = doc.ele("organizations", { default: "org" }).ele("organization", { identifier: "org" });
  org.ele("title").txt(m.title);
  org.ele("item", { identifier: "item", identifierref: "sco" }).ele("title").txt(m.title);
  const res = doc.ele("resources").ele("resource", { identifier: "sco", type: "webcontent", "adlcp:scormType": "sco", href: m.launch });
  for (const f of m.files) res.ele("file", { href: f });
  return doc.end({ prettyPrint: true });
}

export const CMI5_NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/**
 * cmi5 course structure: one AU. moveOn is "CompletedAndPassed" when the course has a final
 * test (the package sends "completed" when lessons, time and policy are done, "passed" with
 * the test), "Completed" otherwise; the mastery score is the pass mark.
 */
export function cmi5CourseStructure(m: ManifestInput & { courseIri: string; auIri: string; passMark: number | null }): string {
  const lang = m.locale === "en" ? "en" : "it-IT";
  const doc = create({ version: "1.0", encoding: "UTF-8" }).ele(CMI5_NAMESPACE, "courseStructure");
  const course = doc.ele("course", { id: m.courseIri });
  course.ele("title").ele("langstring", { lang }).txt(m.title);
  course.ele("description").ele("langstring", { lang }).txt(m.description);
  const au = doc.ele("au", {
    id: m.auIri,
    moveOn: m.passMark === null ? "Completed" : "CompletedAndPassed",
    ...(m.passMark === null ? {} : { masteryScore: (m.passMark / 100).toFixed(2) }),
    launchMethod: "AnyWindow",
  });
  au.ele("title").ele("langstring", { lang }).txt(m.title);
  au.ele("description").ele("langstring", { lang }).txt(m.description);
  au.ele("url").txt(m.launch);
  return doc.end({ prettyPrint: true });
}
