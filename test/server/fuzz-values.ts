// Seeded random protocol messages: values shaped like a method's request schema, then mutated
// (missing, extra and mistyped fields, out-of-range sizes), so the server sees near-misses, not just noise.
import type { z } from 'zod';

/** A small seeded PRNG (mulberry32): the same seed gives the same messages. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Generates values for schemas from one seeded random source. */
export class Fuzzer {
  constructor(
    readonly random: () => number,
    /** Ids worth using (peers, rooms seen so far), so some requests name real objects. */
    readonly ids: string[] = [],
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Any JSON value, of bounded depth. */
  junk(depth = 0): unknown {
    const kinds = depth > 2 ? 5 : 7;
    switch (Math.floor(this.random() * kinds)) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308]);
      case 3:
        return this.string();
      case 4:
        return this.pick(['', '__proto__', 'constructor', '../..', '\u0000', 'x'.repeat(300)]);
      case 5:
        return Array.from({ length: Math.floor(this.random() * 4) }, () => this.junk(depth + 1));
      default:
        return Object.fromEntries(
          Array.from({ length: Math.floor(this.random() * 4) }, () => [this.string(), this.junk(depth + 1)]),
        );
    }
  }

  string(): string {
    if (this.ids.length > 0 && this.chance(0.4)) return this.pick(this.ids);
    const length = this.pick([0, 1, 8, 16, 65, 200, 2_000]);
    return Array.from({ length }, () => String.fromCharCode(32 + Math.floor(this.random() * 95))).join('');
  }

  /** A value shaped like `schema`, with one in ten parts mutated into something else. */
  value(schema: z.ZodType, depth = 0): unknown {
    if (depth > 6 || this.chance(0.1)) return this.junk(depth);
    const def = defOf(schema);
    switch (def.type) {
      case 'optional':
        return this.chance(0.3) ? undefined : this.value(def.innerType!, depth + 1);
      case 'nullable':
        return this.chance(0.2) ? null : this.value(def.innerType!, depth + 1);
      case 'default':
      case 'readonly':
        return this.value(def.innerType!, depth + 1);
      case 'pipe':
        return this.value(def.in!, depth + 1);
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(def.shape ?? {})) {
          if (this.chance(0.9)) out[key] = this.value(child, depth + 1);
        }
        if (this.chance(0.1)) out[this.string()] = this.junk(depth + 1);
        return out;
      }
      case 'array':
        return Array.from({ length: this.pick([0, 1, 2, 5]) }, () => this.value(def.element!, depth + 1));
      case 'record':
        return Object.fromEntries(
          Array.from({ length: this.pick([0, 1, 3, 9]) }, () => [this.string(), this.value(def.valueType!, depth + 1)]),
        );
      case 'union':
        return this.value(this.pick(def.options!), depth + 1);
      case 'enum':
        return this.chance(0.9) ? this.pick(Object.values(def.entries ?? {})) : this.string();
      case 'literal':
        return this.pick(def.values ?? [null]);
      case 'string':
        return this.string();
      case 'number':
      case 'int':
        return this.pick([0, 1, 3, 7, 1024, -5, 2.5, 1e9]);
      case 'boolean':
        return this.chance(0.5);
      default:
        return this.junk(depth);
    }
  }
}
