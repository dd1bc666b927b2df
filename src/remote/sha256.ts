/** SHA-256 in base64: what stands for a large input (a listing, the records, a settled state's inputs) in a key. */
import { createHash } from 'node:crypto';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('base64');
