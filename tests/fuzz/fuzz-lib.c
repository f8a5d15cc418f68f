/* fuzz-lib.c: helpers for the fuzz harnesses (fuzz.h), and the libFuzzer
 * initialiser: $KAOHE_FUZZ_CORPUS names the corpus a run fuzzes (make fuzz
 * sets it; the default is the harness's first). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "msg.h"

const char *kh_fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		fd = memfd_create("kaohe-fuzz", MFD_CLOEXEC);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0
	    || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("memfd");
		abort();
	}
	return path;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *corpus = getenv("KAOHE_FUZZ_CORPUS");
	kh_fuzz_setup(corpus && *corpus ? corpus : kh_fuzz_corpora[0]);
	return 0;
}
