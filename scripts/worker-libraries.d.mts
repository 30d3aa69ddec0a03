// Types for scripts/worker-libraries.mjs, which Node runs as plain JavaScript and the tests import.

/** A shared library: the name the loader searches for (its soname) and the file it resolves to. */
export interface Library {
  name: string;
  path: string;
}

/** Whether a library (by its soname) is part of glibc. */
export function isGlibc(name: string): boolean;

/** Whether a library is GCC's C++ runtime (libstdc++, libgcc_s). */
export function isCxxRuntime(name: string): boolean;

/** `ldd`'s view of an ELF file; throws when a library is missing. */
export function ldd(file: string, env?: NodeJS.ProcessEnv): { libraries: Library[]; loader: string | null };

/** Every library the worker loads when hosting (glibc's included) and its dynamic loader. */
export function workerLibraries(worker: string): { libraries: Library[]; loader: string | null };
