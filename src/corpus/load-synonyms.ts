/** Domain synonyms are data kept beside the corpus (`synonyms.json`), so editors tune them without code. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const SYNONYMS_FILE = 'synonyms.json';

const synonymsSchema = z.object({
  groups: z.array(z.array(z.string().trim().min(1)).min(2, 'a group needs at least two words')),
});

/** Reads `DIR/synonyms.json`. A missing file means no synonyms; a malformed one throws naming the problem. */
export async function loadSynonyms(dir: string): Promise<string[][]> {
  const file = path.join(dir, SYNONYMS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = synonymsSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.groups;
}
