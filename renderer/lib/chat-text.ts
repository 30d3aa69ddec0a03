/** One piece of a chat message: plain text, or an http(s) link to show as one. */
export type ChatSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Candidates only: every match is checked with the URL parser before it becomes a link.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that usually ends the sentence around a link rather than the link itself.
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** The link `candidate` names when it is a well-formed http(s) URL, else null. */
function webLink(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits chat text into plain text and http(s) links. Nothing here is markup: the renderer shows text segments as
 * text nodes and links as <a> elements it builds itself, so a message can never inject HTML.
 */
export function chatSegments(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const trailing = TRAILING.exec(match[0])?.[0] ?? '';
    const candidate = match[0].slice(0, match[0].length - trailing.length);
    const href = webLink(candidate);
    plain += text.slice(last, match.index);
    last = match.index + candidate.length;
    if (!href) {
      plain += candidate;
      continue;
    }
    if (plain) segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({ kind: 'link', text: candidate, href });
  }
  plain += text.slice(last);
  if (plain) segments.push({ kind: 'text', text: plain });
  return segments;
}
