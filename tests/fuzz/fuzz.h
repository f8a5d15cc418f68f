/* fuzz.h: what the fuzz harnesses share (tests/fuzz/README).  Each
 * harness defines LLVMFuzzerTestOneInput, the committed corpora it
 * replays (kh_fuzz_corpora) and kh_fuzz_setup; it is linked either with
 * libFuzzer (make fuzz, configure --enable-fuzz) or with replay.c, which
 * replays the corpora under `make check` with any compiler.  A harness
 * must never write outside memory or a memfd of its own. */
#ifndef KAOHE_FUZZ_H
#define KAOHE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Names of this harness's corpora under tests/fuzz/corpus/, NULL ended. */
extern const char *const kh_fuzz_corpora[];
/* Get ready for inputs of one corpus (import: picks the record kind). */
void kh_fuzz_setup(const char *corpus);

/* A file holding data, for readers that take a path: a memfd named
 * "/proc/self/fd/N", rewritten on each call; the path stays valid. */
const char *kh_fuzz_file(const uint8_t *data, size_t size);

#endif
