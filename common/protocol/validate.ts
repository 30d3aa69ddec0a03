import type { z } from 'zod';
import { ProtocolError } from './errors';

/** Turns the first zod issue into one short, safe sentence (field path and reason, never the value). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'message';
  return `${path}: ${issue.message}`.slice(0, 300);
}

/** Parses `value` with `schema` or throws a BAD_REQUEST ProtocolError that says what was wrong. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ProtocolError('BAD_REQUEST', `${what}: ${describeIssue(result.error)}`);
  return result.data;
}
