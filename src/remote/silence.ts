/**
 * Whether a server has stopped answering, for one connection. A timeout alone is a hiccup worth retrying (a stall
 * mid-body, a lost packet). But once a request timed out while nothing came from the server, and a request sent after
 * that timed out too, with still not one byte from the server on any socket, the server is silent: more retries would
 * only multiply the timeout by the retries and by the folders and files asked at once, so the connection gives up.
 * Requests are counted, not timed: the rule needs no clock, and an idle pause between requests proves nothing.
 */
export class SilenceWatch {
  private sent = 0;
  private heard = 0;
  /** Since the first timeout after the last byte heard: how many requests had been sent, and the bytes heard then. */
  private silence: { sent: number; heard: number } | undefined;
  private silent = false;

  /** True once the server is taken to be silent: every later request of the connection fails at once. */
  get isSilent(): boolean {
    return this.silent;
  }

  /** A request is about to leave: its number, for `timedOut`. */
  sending(): number {
    return ++this.sent;
  }

  /** The server sent something, on any socket, for any request. */
  heardFrom(): void {
    this.heard++;
  }

  /** Request `number` got nothing for the timeout: true when that makes the server silent. */
  timedOut(number: number): boolean {
    const silence = this.silence;
    if (silence && silence.heard === this.heard) {
      // A request sent before the silence began (the walk's parallel folders) is the same silence, not a second one.
      if (number > silence.sent) this.silent = true;
      return this.silent;
    }
    this.silence = { sent: this.sent, heard: this.heard };
    return false;
  }
}
