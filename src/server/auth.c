/* auth.c: who is calling `kaohe serve` (auth.h) — the session cookie, the
 * bearer token, the CSRF check — and the roles of server.h.  Secrets are
 * compared only as SHA-256 and in constant time; nothing here logs one. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "account.h"
#include "auth.h"
#include "msg.h"
#include "store-users.h"

/* ---- users and roles (server.h) ---------------------------------------------- */

void kh_user_free(struct kh_user *user)
{
	if (!user)
		return;
	free(user->name);
	free(user->display);
	for (size_t i = 0; i < user->ncontracts; i++)
		free(user->contracts[i]);
	free(user->contracts);
	/* every struct kh_user comes from kh_user_new: the CSRF buffer is part
	 * of the same block */
	free(user);
}

int kh_user_may_see(const struct kh_user *user, const char *contract)
{
	if (!user || !contract)
		return 0;
	if (user->role == KH_ROLE_REGULATOR || user->role == KH_ROLE_PANEL)
		return 1;
	if (user->role != KH_ROLE_INSURER)
		return 0;
	for (size_t i = 0; i < user->ncontracts; i++)
		if (strcmp(user->contracts[i], contract) == 0)
			return 1;
	return 0;
}

static const struct {
	enum kh_role role;
	const char *code, *zh, *zh2;
} roles[] = {
	{ KH_ROLE_REGULATOR, "regulator", "医保局", "医保部门" },
	{ KH_ROLE_PANEL, "panel", "考核组", "考核组成员" },
	{ KH_ROLE_INSURER, "insurer", "承办机构", "保险公司" },
};

const char *kh_role_code(enum kh_role role)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == role)
			return roles[i].code;
	return "?";
}

int kh_role_parse(const char *text, enum kh_role *out)
{
	if (!text)
		return -1;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(text, roles[i].code) == 0 || strcmp(text, roles[i].zh) == 0
		    || strcmp(text, roles[i].zh2) == 0) {
			*out = roles[i].role;
			return 0;
		}
	return -1;
}

/* ---- auth.h ---------------------------------------------------------------------- */

int kh_auth_init(struct kh_err *err)
{
	if (kh_account_init(err))
		return -1;
	kh_login_prepare();
	return 0;
}

int kh_auth_session(struct kh_request *req, struct kh_user **user,
                    struct kh_err *err)
{
	*user = NULL;
	req->session = NULL;
	req->csrf = NULL;
	const char *id = kh_req_cookie(req, "kaohe_session");
	if (!id || !kh_secret_wellformed(id, NULL))
		return 0;
	if (kh_session_user(req->store, id, user, err))
		return -1;
	if (*user) {
		req->session = id;
		req->csrf = kh_user_csrf(*user);
	}
	return 0;
}

int kh_auth_bearer(struct kh_request *req, struct kh_user **user,
                   struct kh_err *err)
{
	*user = NULL;
	const char *h = kh_req_header(req, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return 0;
	h += 7;
	while (*h == ' ')
		h++;
	char token[KH_SECRET_BUFSZ];
	size_t n = strcspn(h, " \t\r\n");
	if (n >= sizeof token)
		return 0;
	memcpy(token, h, n);
	token[n] = '\0';
	if (!kh_secret_wellformed(token, "kh_"))
		return 0;
	char hex[KH_HEX_BUFSZ], stored[KH_HEX_BUFSZ];
	kh_secret_hash(token, hex);
	memset(token, 0, sizeof token);
	long token_id, user_id;
	int found;
	if (kh_store_token_find(req->store, hex, &token_id, &user_id, stored, &found, err))
		return -1;
	if (!found || !kh_secret_equal(hex, stored))
		return 0;
	if (kh_account_load(req->store, user_id, user, err))
		return -1;
	if (*user) {
		if ((*user)->role != KH_ROLE_INSURER) {
			kh_user_free(*user);   /* tokens are an insurer's only */
			*user = NULL;
			return 0;
		}
		(*user)->token_id = token_id;
	}
	return 0;
}

int kh_auth_csrf_ok(struct kh_request *req)
{
	if (!req->csrf || !*req->csrf)
		return 0;
	const char *sent = kh_req_form(req, "csrf");
	return kh_secret_equal(sent, req->csrf);
}
