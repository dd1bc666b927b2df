/**
 * M³'s `.section-order.json`, shared with M³ on real files: only our names' entries are set or cleared, anything else
 * stays as M³ or a person wrote it, invalid JSON is left alone, the file is filled outside the date folder, and a
 * write of M³ that overtakes ours is repaired.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SECTION_ORDER_FILE,
  settleSectionOrders,
  updateSectionOrder,
} from '../../src/export/section-order.js';
import { cleanupTempDirs, makeTempDir } from '../support/servers.js';

afterAll(cleanupTempDirs);

async function dateFolder(content?: string) {
  const root = await makeTempDir('cs-order');
  const folder = path.join(root, '2026-12-02');
  const staging = path.join(root, '.congsync-staging');
  await fsp.mkdir(folder);
  await fsp.mkdir(staging);
  if (content !== undefined) await fsp.writeFile(path.join(folder, SECTION_ORDER_FILE), content);
  const read = async () => fsp.readFile(path.join(folder, SECTION_ORDER_FILE), 'utf8');
  return { folder, staging, read };
}

const M3S = {
  'Own.jpg': { order: 3, section: 'ayfm' },
  '01 Congregation - 01 A.jpg': { order: 7, section: 'lac' },
};

describe('.section-order.json', () => {
  it('sets and clears only the entries it is given, leaving every other entry as it was', async () => {
    const { folder, staging, read } = await dateFolder(JSON.stringify(M3S));
    const outcome = await updateSectionOrder(
      folder,
      { '01 Congregation - 01 A.jpg': null, '001 Congregation - 01 A.jpg': { order: -1000, section: 'tgw' } },
      staging,
    );
    expect(outcome).toBe('written');
    expect(JSON.parse(await read())).toEqual({
      'Own.jpg': { order: 3, section: 'ayfm' },
      '001 Congregation - 01 A.jpg': { order: -1000, section: 'tgw' },
    });
    // as M³ writes it; nothing left in the date folder but the file, nothing in the staging folder
    expect(await read()).toBe(JSON.stringify(JSON.parse(await read()), null, 2));
    expect(await fsp.readdir(folder)).toEqual([SECTION_ORDER_FILE]);
    expect(await fsp.readdir(staging)).toEqual([]);
    // nothing to change: not written again
    const before = (await fsp.stat(path.join(folder, SECTION_ORDER_FILE))).mtimeMs;
    expect(await updateSectionOrder(folder, { '01 Congregation - 01 A.jpg': null }, staging)).toBe(
      'unchanged',
    );
    expect((await fsp.stat(path.join(folder, SECTION_ORDER_FILE))).mtimeMs).toBe(before);
  });

  it('writes no file only to clear entries of a folder that has none', async () => {
    const { folder, staging } = await dateFolder();
    expect(await updateSectionOrder(folder, { 'x.jpg': null }, staging)).toBe('unchanged');
    expect(await fsp.readdir(folder)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"Own.jpg": {"order": 3,'],
    ['an array', '[1, 2]'],
    ['null', 'null'],
  ])('leaves a file that is %s exactly as it is', async (_, content) => {
    const { folder, staging, read } = await dateFolder(content);
    expect(await updateSectionOrder(folder, { 'a.jpg': { order: 1, section: 'tgw' } }, staging)).toBe(
      'invalid',
    );
    expect(await read()).toBe(content);
  });

  it('puts its entries back when a write of M³ (read before ours, written after) overtook them', async () => {
    const { folder, staging, read } = await dateFolder(JSON.stringify(M3S));
    const wanted = { 'B.jpg': { order: -1000, section: 'tgw' } };
    expect(await updateSectionOrder(folder, wanted, staging)).toBe('written');
    // M³ read the file before our write and writes its own merge now, without our entry
    const m3sWrite = { ...M3S, 'Own.jpg': { order: 4, section: 'ayfm' } };
    const settling = settleSectionOrders(new Map([[folder, wanted]]), staging);
    await fsp.writeFile(path.join(folder, SECTION_ORDER_FILE), JSON.stringify(m3sWrite));
    expect(await settling).toEqual([]);
    expect(JSON.parse(await read())).toEqual({ ...m3sWrite, ...wanted });
  });
});
