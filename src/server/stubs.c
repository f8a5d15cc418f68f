/* stubs.c: TEMPORARY weak stand-ins for the parts of `kaohe serve` that
 * other branches build — login.c (kh_routes_auth) and page-*.c
 * (kh_routes_pages); h5-auth's auth.c replaced the kh_auth_*, kh_user_*
 * and kh_role_* stubs — so that h5-serve links
 * and runs on its own.  Every stub is here and nowhere else; the lead
 * deletes this file when auth.c and page-*.c land.
 *
 * The symbols are weak, and this file is the last member of libkaohe.a
 * (Makefile.am), so a real definition in auth.c wins when both are in.
 * Without auth.c nobody is ever logged in: sessions and bearer tokens find
 * no user and the CSRF check fails. */
#include <stddef.h>

#include "server.h"

#define KH_WEAK __attribute__((weak))

KH_WEAK const struct kh_route kh_routes_auth[] = {
	{ NULL, NULL, 0, 0, NULL },
};
