/** Domain synonyms are data kept beside the corpus (`synonyms.json`), so editors tune them without code. */
import path from 'node:path';
import { z } from 'zod';
import { readDataFile } from './read-data-file.ts';

export const SYNONYMS_FILE = 'synonyms.json';

const synonymsSchema = z.object({
  groups: z.array(z.array(z.string().trim().min(1)).min(2, 'a group needs at least two words')),
});

/** Reads `DIR/synonyms.json`. A missing file means no synonyms; a malformed one throws naming the problem. */
export async function loadSynonyms(dir: string): Promise<string[][]> {
  const data = await readDataFile(path.join(dir, SYNONYMS_FILE), synonymsSchema);
  return data?.groups ?? [];
}
