/**
 * Stops V8's young generation growing, once the host's own code is loaded (its new space then holds 4 MiB, both halves;
 * V8 alone grows it to 32). A sync allocates fast (every body it receives), and V8 answers a fast rate by growing the
 * young generation: a larger heap, collected less often, so that the received chunks that only a collection frees
 * pile up in between as well. Its size can be capped only by a flag given to Node at start, which a command that a
 * user runs does not have. Measured by the benchmark (README: Benchmark): the full sync's peak RSS about 30 MiB lower,
 * its time and CPU unchanged; a young generation stopped at its first 1 MiB cost a fifth more CPU.
 *
 * V8 keys a code cache by its flags: a cache is good only for a start that reads it under the flags it was made with.
 * So this is called at one fixed point of a start, after the host's cache is read or made and before any plugin's.
 */
import v8 from 'node:v8';

export function stopYoungGenerationGrowth(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
