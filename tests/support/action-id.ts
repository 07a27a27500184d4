/**
 * The id of a server action rendered in a page's HTML — a plain form (`$ACTION_ID_<id>`) or a
 * form bound through useActionState (`$ACTION_1:0` = `{"id":"<id>",…}`) — to call it directly
 * with a `Next-Action` header, as the browser's script does.
 */
export function serverActionId(html: string): string | undefined {
  const m = /name="\$ACTION_ID_([0-9a-f]+)"|&quot;id&quot;:&quot;([0-9a-f]{40,})&quot;/.exec(html);
  return m?.[1] ?? m?.[2];
}
