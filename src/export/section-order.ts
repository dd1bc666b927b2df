/**
 * M³'s `.section-order.json` in a date folder, shared with M³, which writes it when a user drags items: only entries
 * of our own names are ever set or cleared, every other entry stays as M³ wrote it. Written as M³ writes it (a
 * temporary file renamed into place, two-space JSON), and read again shortly after: M³ may have read the file before
 * our write and written its own after it, and then our entries are put back. A file that is not valid JSON is M³'s
 * or a person's: it is left as it is, and the date's items keep the place their names give them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../local/atomic-write.js';
import type { OrderEntry } from './plan.js';

export const SECTION_ORDER_FILE = '.section-order.json';
/** A file larger than this is not M³'s: left alone like invalid JSON. */
const MAX_BYTES = 4 * 1024 * 1024;
/** How long M³ gets to show a write that overtook ours, and how often ours is put back. */
const SETTLE_MS = 250;
const ROUNDS = 3;

type Entries = Record<string, unknown>;

export type OrderOutcome = 'written' | 'unchanged' | 'invalid';

/** The file's entries; null where it is not a JSON object (left alone); {} where there is none. */
async function readEntries(file: string): Promise<Entries | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // no file, or no folder for it (something else holds the date folder's name): no entries
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw error;
  }
  if (text.length > MAX_BYTES) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Entries)
      : null;
  } catch {
    return null;
  }
}

const holds = (entries: Entries, name: string, entry: OrderEntry) =>
  entry === null ? !Object.hasOwn(entries, name) : JSON.stringify(entries[name]) === JSON.stringify(entry);

const missing = (entries: Entries, wanted: Readonly<Record<string, OrderEntry>>) =>
  Object.entries(wanted).filter(([name, entry]) => !holds(entries, name, entry));

/** Sets or clears our entries in `folder`'s file; `tempFolder` is where it is filled (see atomic-write.ts). */
export async function updateSectionOrder(
  folder: string,
  wanted: Readonly<Record<string, OrderEntry>>,
  tempFolder: string,
): Promise<OrderOutcome> {
  const file = path.join(folder, SECTION_ORDER_FILE);
  const entries = await readEntries(file);
  if (entries === null) return 'invalid';
  const changes = missing(entries, wanted);
  if (changes.length === 0) return 'unchanged';
  const next: Entries = { ...entries };
  for (const [name, entry] of changes) {
    if (entry === null) delete next[name];
    else next[name] = entry;
  }
  await writeFileAtomically(file, JSON.stringify(next, null, 2), { tempFolder });
  return 'written';
}

/**
 * After a pause, our entries of each folder are read again and put back where a write of M³ overtook ours; a few
 * rounds at most. Returns the folders whose file turned invalid meanwhile.
 */
export async function settleSectionOrders(
  written: ReadonlyMap<string, Readonly<Record<string, OrderEntry>>>,
  tempFolder: string,
): Promise<string[]> {
  let pending = new Map(written);
  const invalid: string[] = [];
  for (let round = 0; round < ROUNDS && pending.size > 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const next = new Map<string, Readonly<Record<string, OrderEntry>>>();
    for (const [folder, wanted] of pending) {
      const outcome = await updateSectionOrder(folder, wanted, tempFolder);
      if (outcome === 'invalid') invalid.push(folder);
      if (outcome === 'written') next.set(folder, wanted);
    }
    pending = next;
  }
  return invalid;
}
