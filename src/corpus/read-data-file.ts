/** Data files kept beside the corpus (synonyms, standing questions): JSON checked against a schema. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/**
 * Reads and validates `file`. A missing file gives undefined (the feature is simply off); bad JSON
 * or content that does not fit the schema throws `makeError` with a message naming the file and field.
 */
export async function readDataFile<S extends z.ZodType>(
  file: string,
  schema: S,
  makeError: (message: string) => Error = (m) => new Error(m),
): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw makeError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw makeError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
