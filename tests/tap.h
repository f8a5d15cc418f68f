/* tap.h: a minimal TAP producer for the C unit tests (run by automake's
 * tap-driver.sh).  ok(), is_int(), is_str(), then return done_testing(). */
#ifndef KAOHE_TAP_H
#define KAOHE_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static inline int tap_ok(int cond, const char *name, const char *file, int line)
{
	tap_count++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_count, name);
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return cond;
}
#define ok(cond, name) tap_ok(!!(cond), (name), __FILE__, __LINE__)

static inline int tap_is_int(long long got, long long want, const char *name,
                             const char *file, int line)
{
	int pass = tap_ok(got == want, name, file, line);
	if (!pass)
		printf("#   got %lld, want %lld\n", got, want);
	return pass;
}
#define is_int(got, want, name) tap_is_int((got), (want), (name), __FILE__, __LINE__)

static inline int tap_is_str(const char *got, const char *want, const char *name,
                             const char *file, int line)
{
	int pass = tap_ok(got && want && strcmp(got, want) == 0, name, file, line);
	if (!pass)
		printf("#   got '%s', want '%s'\n", got ? got : "(null)",
		       want ? want : "(null)");
	return pass;
}
#define is_str(got, want, name) tap_is_str((got), (want), (name), __FILE__, __LINE__)

static inline int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
