import { ForbiddenMessage } from "@/components/shell/message-page";

/** 403 inside the signed-in area's layout: the person keeps their header (their links, their name, "Esci"), so they can go somewhere they may go. */
export default function Forbidden() {
  return <ForbiddenMessage />;
}
