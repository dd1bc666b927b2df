/** What the planner reads of a remote listing: the entries the WebDAV layer (src/remote/) parses. */

/** One resource of a PROPFIND listing. */
export interface RemoteEntry {
  /** Percent-decoded path segments relative to the listed base folder; [] is the base itself. */
  path: string[];
  isDirectory: boolean;
  /** getcontentlength; null when absent or invalid, and always for directories. */
  size: number | null;
  /** getetag exactly as sent (trimmed, quotes and W/ kept); null when absent or empty. */
  etag: string | null;
  /** getlastmodified as an ISO string; null when absent or unparseable. */
  lastModified: string | null;
}
