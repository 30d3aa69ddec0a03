/**
 * Names that tell people apart: the first person with a name keeps it, later ones with the same name get
 * "(2)", "(3)"… — so the same person in two tabs (or two people called Ana) never show as two identical tiles.
 * `people` in the order the room lists them, ourselves first; returns peer id → name to show.
 */
export function distinctNames(people: readonly { peerId: string; displayName: string }[]): Map<string, string> {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const { peerId, displayName } of people) {
    const key = displayName.trim().toLocaleLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    names.set(peerId, count === 1 ? displayName : `${displayName.trim()} (${count})`);
  }
  return names;
}
