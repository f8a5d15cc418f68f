/* replay.c: runs a harness over its committed corpora without libFuzzer,
 * so that every build (gcc too, sanitizers on in CI) replays them under
 * `make check`.  Prints TAP, one line per corpus file.  With arguments it
 * runs those files instead (KAOHE_FUZZ_CORPUS picks the setup), e.g. to
 * try a crash file from `make fuzz` with gcc.  An input that takes longer
 * than REPLAY_SECONDS fails (a hang is a finding too). */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "msg.h"

#define REPLAY_SECONDS 60

static int n;

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "Bail out! an input ran over the time limit (a hang)\n";
	(void)!write(STDOUT_FILENO, msg, sizeof msg - 1);
	_exit(1);
}

static int run_file(const char *path, const char *shown)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		printf("not ok %d - %s: cannot read\n", ++n, shown);
		return 1;
	}
	size_t cap = 4096, len = 0, got;
	unsigned char *buf = kh_xmalloc(cap);
	while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += got;
		if (len == cap)
			buf = kh_xrealloc(buf, cap *= 2);
	}
	fclose(fp);
	/* A copy of exactly len bytes, so that a read past the end is caught
	 * by the sanitizers as it would be under libFuzzer. */
	unsigned char *copy = kh_xmalloc(len ? len : 1);
	memcpy(copy, buf, len);
	free(buf);
	fflush(stdout);
	alarm(REPLAY_SECONDS);
	LLVMFuzzerTestOneInput(copy, len);
	alarm(0);
	free(copy);
	printf("ok %d - %s\n", ++n, shown);
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGALRM, on_alarm);
	int failed = 0;
	if (argc > 1) {
		const char *corpus = getenv("KAOHE_FUZZ_CORPUS");
		kh_fuzz_setup(corpus && *corpus ? corpus : kh_fuzz_corpora[0]);
		for (int i = 1; i < argc; i++)
			failed |= run_file(argv[i], argv[i]);
		printf("1..%d\n", n);
		return failed;
	}
	for (int c = 0; kh_fuzz_corpora[c]; c++) {
		char *dir = kh_xasprintf("%s/tests/fuzz/corpus/%s", KAOHE_SRCDIR,
		                         kh_fuzz_corpora[c]);
		struct dirent **names;
		int count = scandir(dir, &names, NULL, by_name);
		if (count < 0) {
			printf("not ok %d - %s: no corpus\n", ++n, dir);
			failed = 1;
			free(dir);
			continue;
		}
		kh_fuzz_setup(kh_fuzz_corpora[c]);
		for (int i = 0; i < count; i++) {
			if (names[i]->d_name[0] != '.') {
				char *path = kh_xasprintf("%s/%s", dir, names[i]->d_name);
				char *shown = kh_xasprintf("%s/%s", kh_fuzz_corpora[c],
				                           names[i]->d_name);
				failed |= run_file(path, shown);
				free(path);
				free(shown);
			}
			free(names[i]);
		}
		free(names);
		free(dir);
	}
	printf("1..%d\n", n);
	return failed;
}
