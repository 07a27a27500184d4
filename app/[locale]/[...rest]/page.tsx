import { notFound } from "next/navigation";

/** Any unknown URL: render the localised not-found page of this segment. */
export default function CatchAll() {
  notFound();
}
