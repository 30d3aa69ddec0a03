import type { z } from 'zod';
import { ProtocolError } from './errors';

/** The parts of a zod schema's definition that say which path segments it declares. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schema a path segment leads to, or undefined when `schema` does not declare that segment by name. */
function child(schema: z.ZodType, segment: PropertyKey): { next?: z.ZodType; declared: boolean } {
  const def = defOf(schema);
  const wrapped = def.innerType ?? def.in;
  if (wrapped) return child(wrapped, segment);
  if (def.type === 'object' && typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)) {
    return { next: def.shape[segment], declared: true };
  }
  if (def.type === 'array' && typeof segment === 'number') return { next: def.element, declared: true };
  // A record's keys are the sender's own names: the path goes on, the name is not repeated.
  if (def.type === 'record') return { next: def.valueType, declared: false };
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = child(option, segment);
      if (found.declared) return found;
    }
  }
  return { declared: false };
}

/** The issue's path with every segment the schema does not declare (a sender's own key) shown as `*`. */
function safePath(path: readonly PropertyKey[], schema: z.ZodType | undefined): string {
  let at = schema;
  const parts: string[] = [];
  for (const segment of path) {
    if (!schema) {
      parts.push(String(segment));
      continue;
    }
    const step = at ? child(at, segment) : { declared: false };
    parts.push(step.declared ? String(segment) : '*');
    at = step.next;
  }
  return parts.length > 0 ? parts.join('.') : 'message';
}

/**
 * Turns the first zod issue into one short, safe sentence: field path and reason, never a value and never
 * a name the sender made up (unknown keys are counted, not named; with `schema`, undeclared path segments
 * such as record keys read `*`).
 */
export function describeIssue(error: z.ZodError, schema?: z.ZodType): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = safePath(issue.path, schema);
  if (issue.code === 'unrecognized_keys') {
    const n = issue.keys.length;
    return `${path}: ${n} unknown field${n === 1 ? '' : 's'}`;
  }
  // A record key's own issue says only that the key is bad; its nested issues could quote it.
  if (issue.code === 'invalid_key') return `${path}: invalid key`;
  return `${path}: ${issue.message}`.slice(0, 300);
}

/** Parses `value` with `schema` or throws a BAD_REQUEST ProtocolError that says what was wrong. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ProtocolError('BAD_REQUEST', `${what}: ${describeIssue(result.error, schema)}`);
  return result.data;
}
