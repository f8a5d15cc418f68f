/* stubs.c: TEMPORARY weak stand-ins for the parts of `kaohe serve` that
 * other branches build — auth.c/login.c (kh_auth_*, kh_user_*, kh_role_*,
 * kh_routes_auth) and page-*.c (kh_routes_pages) — so that h5-serve links
 * and runs on its own.  Every stub is here and nowhere else; the lead
 * deletes this file when auth.c and page-*.c land.
 *
 * The symbols are weak, and this file is the last member of libkaohe.a
 * (Makefile.am), so a real definition in auth.c wins when both are in.
 * Without auth.c nobody is ever logged in: sessions and bearer tokens find
 * no user and the CSRF check fails. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "server.h"

#define KH_WEAK __attribute__((weak))

KH_WEAK const struct kh_route kh_routes_auth[] = {
	{ NULL, NULL, 0, 0, NULL },
};

KH_WEAK int kh_auth_init(struct kh_err *err)
{
	(void)err;
	return 0;
}

KH_WEAK int kh_auth_session(struct kh_request *req, struct kh_user **user,
                            struct kh_err *err)
{
	(void)req;
	(void)err;
	*user = NULL;
	return 0;
}

KH_WEAK int kh_auth_bearer(struct kh_request *req, struct kh_user **user,
                           struct kh_err *err)
{
	(void)req;
	(void)err;
	*user = NULL;
	return 0;
}

KH_WEAK int kh_auth_csrf_ok(struct kh_request *req)
{
	(void)req;
	return 0;
}

KH_WEAK void kh_user_free(struct kh_user *user)
{
	if (!user)
		return;
	free(user->name);
	free(user->display);
	for (size_t i = 0; i < user->ncontracts; i++)
		free(user->contracts[i]);
	free(user->contracts);
	free(user);
}

KH_WEAK int kh_user_may_see(const struct kh_user *user, const char *contract)
{
	if (!user || !contract)
		return 0;
	if (user->role == KH_ROLE_REGULATOR || user->role == KH_ROLE_PANEL)
		return 1;
	for (size_t i = 0; i < user->ncontracts; i++)
		if (strcmp(user->contracts[i], contract) == 0)
			return 1;
	return 0;
}

KH_WEAK const char *kh_role_code(enum kh_role role)
{
	switch (role) {
	case KH_ROLE_REGULATOR: return "regulator";
	case KH_ROLE_PANEL: return "panel";
	case KH_ROLE_INSURER: return "insurer";
	}
	return "?";
}

KH_WEAK int kh_role_parse(const char *text, enum kh_role *out)
{
	static const struct { const char *code; enum kh_role role; } roles[] = {
		{ "regulator", KH_ROLE_REGULATOR }, { "医保局", KH_ROLE_REGULATOR },
		{ "panel", KH_ROLE_PANEL }, { "考核组", KH_ROLE_PANEL },
		{ "insurer", KH_ROLE_INSURER }, { "承办机构", KH_ROLE_INSURER },
	};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (text && strcmp(text, roles[i].code) == 0) {
			*out = roles[i].role;
			return 0;
		}
	return -1;
}
