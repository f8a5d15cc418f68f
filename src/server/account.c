/* account.c: users, passwords (Argon2id), API tokens, logins within the
 * rate limit, and sessions (account.h), over store-users.h, with every
 * change in the audit log.  Never logs, prints or stores a password, token
 * or session id; the caller shows a new token once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "account.h"
#include "dates.h"
#include "msg.h"
#include "store.h"
#include "store-log.h"
#include "store-users.h"
#include "trail.h"

int kh_account_init(struct kh_err *err)
{
	if (sodium_init() < 0) {
		kh_error("%s", kh_tr("libsodium 初始化失败", "libsodium failed to initialise"));
		return kh_fail(err, KH_ERR_OSERR);
	}
	return 0;
}

/* ---- primitives ------------------------------------------------------------ */

int kh_password_hash(const char *password, char *out, size_t size,
                     struct kh_err *err)
{
	if (size < crypto_pwhash_STRBYTES || kh_account_init(err))
		return kh_fail(err, KH_ERR_SOFTWARE);
	if (crypto_pwhash_str_alg(out, password, strlen(password),
	                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE,
	                          crypto_pwhash_ALG_ARGON2ID13) != 0) {
		kh_error("%s", kh_tr("密码散列失败（内存不足？）",
		                     "hashing the password failed (out of memory?)"));
		return kh_fail(err, KH_ERR_OSERR);
	}
	return 0;
}

int kh_password_verify(const char *hash, const char *password)
{
	if (!hash || !password || sodium_init() < 0)
		return 0;
	if (strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *kh_password_weak(const char *password)
{
	size_t n = strlen(password);
	if (n < KH_PASSWORD_MIN)
		return kh_tr("密码太短（至少 8 个字节）", "the password is too short (8 bytes at least)");
	if (n > KH_PASSWORD_MAX)
		return kh_tr("密码太长（至多 1024 个字节）", "the password is too long (1024 bytes at most)");
	for (const unsigned char *p = (const unsigned char *)password; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return kh_tr("密码含控制字符", "the password holds a control character");
	return NULL;
}

void kh_secret_new(const char *prefix, char out[KH_SECRET_BUFSZ])
{
	unsigned char bytes[32];
	size_t p = prefix ? strlen(prefix) : 0;
	if (sodium_init() < 0)
		abort();   /* no randomness: never hand out a guessable secret */
	randombytes_buf(bytes, sizeof bytes);
	if (p)
		memcpy(out, prefix, p);   /* memcpy from NULL is undefined even for 0 bytes */
	sodium_bin2base64(out + p, KH_SECRET_BUFSZ - p, bytes, sizeof bytes,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(bytes, sizeof bytes);
}

void kh_secret_hash(const char *secret, char hex[KH_HEX_BUFSZ])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)secret, strlen(secret));
	sodium_bin2hex(hex, KH_HEX_BUFSZ, digest, sizeof digest);
}

int kh_secret_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

int kh_secret_wellformed(const char *text, const char *prefix)
{
	size_t p = prefix ? strlen(prefix) : 0;
	if (!text || strncmp(text, prefix ? prefix : "", p) != 0)
		return 0;
	const char *b = text + p;
	if (strlen(b) != 43)
		return 0;
	for (; *b; b++)
		if (!((*b >= 'A' && *b <= 'Z') || (*b >= 'a' && *b <= 'z')
		      || (*b >= '0' && *b <= '9') || *b == '-' || *b == '_'))
			return 0;
	return 1;
}

int kh_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > KH_NAME_MAX)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
		      || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'
		      || *p == '@'))
			return 0;
	return 1;
}

/* ---- time ------------------------------------------------------------------ */

/* Now plus `offset` seconds as text, and now itself. */
static int now_text(long offset, char buf[KH_TIME_BUFSZ], kh_time *now,
                    struct kh_err *err)
{
	kh_time t;
	if (kh_time_now(&t) != 0) {
		kh_error("KAOHE_NOW: %s", kh_tr("不是有效的日期时间", "not a valid datetime"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	if (now)
		*now = t;
	kh_time_format(t + offset, buf);
	return 0;
}

static int audit(struct kh_store *store, const char *who, const char *action,
                 const char *subject, const char *reason, struct kh_err *err)
{
	struct kh_log_entry e = { .who = who, .action = action, .subject = subject,
	                          .reason = reason };
	return kh_store_log_append(store, &e, err);
}

/* ---- users ------------------------------------------------------------------ */

struct user_block {
	struct kh_user user;      /* first: a struct kh_user * is the block */
	char csrf[KH_HEX_BUFSZ];
};

struct kh_user *kh_user_new(void)
{
	struct user_block *b = kh_xcalloc(1, sizeof *b);
	return &b->user;
}

char *kh_user_csrf(struct kh_user *user)
{
	return ((struct user_block *)(void *)user)->csrf;
}

static struct kh_user *user_from_rec(struct kh_user_rec *r)
{
	struct kh_user *u = kh_user_new();
	u->id = r->id;
	u->name = r->name;
	u->display = r->display;
	kh_role_parse(r->role, &u->role);
	u->contracts = r->contracts;
	u->ncontracts = r->ncontracts;
	r->name = r->display = NULL;
	r->contracts = NULL;
	r->ncontracts = 0;
	return u;
}

int kh_account_load(struct kh_store *store, long id, struct kh_user **user,
                    struct kh_err *err)
{
	struct kh_user_rec r;
	int found;
	*user = NULL;
	if (kh_store_user_get(store, NULL, id, &r, &found, err))
		return -1;
	if (found && !r.disabled)
		*user = user_from_rec(&r);
	kh_user_rec_free(&r);
	return 0;
}

static int find_user(struct kh_store *store, const char *name,
                     struct kh_user_rec *r, struct kh_err *err)
{
	int found;
	if (kh_store_user_get(store, name, 0, r, &found, err))
		return -1;
	if (!found) {
		kh_error("%s: %s '%s'", kh_store_name(store), kh_tr("没有用户", "no user"), name);
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	return 0;
}

int kh_account_add(struct kh_store *store, const char *name, enum kh_role role,
                   const char *display, char *const *contracts, size_t ncontracts,
                   const char *password, const char *who, long *id,
                   struct kh_err *err)
{
	if (!kh_name_valid(name)) {
		kh_error("%s: '%s'", kh_tr("用户名只能由字母、数字和 . _ - @ 组成（至多 64 个）",
		                         "a user name is 1-64 letters, digits and . _ - @"), name);
		return kh_fail(err, KH_ERR_USAGE);
	}
	if (role == KH_ROLE_INSURER && ncontracts == 0) {
		kh_error("%s", kh_tr("承办机构用户须绑定合同（--contract）",
		                     "an insurer needs its contracts (--contract)"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	if (role != KH_ROLE_INSURER && ncontracts > 0) {
		kh_error("%s", kh_tr("只有承办机构用户绑定合同；医保局和考核组可看全部合同",
		                     "only an insurer is bound to contracts; a regulator "
		                     "or panel member sees them all"));
		return kh_fail(err, KH_ERR_USAGE);
	}
	const char *weak = kh_password_weak(password);
	if (weak) {
		kh_error("%s", weak);
		return kh_fail(err, KH_ERR_USAGE);
	}
	char hash[crypto_pwhash_STRBYTES];
	char now[KH_TIME_BUFSZ];
	if (now_text(0, now, NULL, err) || kh_password_hash(password, hash, sizeof hash, err))
		return -1;
	struct kh_user_rec r = { .name = (char *)name, .display = (char *)(display ? display : ""),
	                         .role = (char *)kh_role_code(role), .password_hash = hash,
	                         .created_at = now, .contracts = (char **)contracts,
	                         .ncontracts = ncontracts };
	int rc = kh_store_user_add(store, &r, id, err);
	sodium_memzero(hash, sizeof hash);
	if (rc)
		return -1;
	struct kh_json j = { 0 };
	kh_json_raw(&j, "{");
	kh_json_field(&j, "role", kh_role_code(role));
	kh_json_raw(&j, ", \"contracts\": [");
	for (size_t i = 0; i < ncontracts; i++) {
		if (i)
			kh_json_raw(&j, ", ");
		kh_json_str(&j, contracts[i]);
	}
	kh_json_raw(&j, "]}");
	struct kh_log_entry e = { .who = who, .action = "user-add", .subject = name,
	                          .after = j.text };
	rc = kh_store_log_append(store, &e, err);
	free(j.text);
	return rc;
}

int kh_account_passwd(struct kh_store *store, const char *name,
                      const char *password, const char *who, struct kh_err *err)
{
	const char *weak = kh_password_weak(password);
	if (weak) {
		kh_error("%s", weak);
		return kh_fail(err, KH_ERR_USAGE);
	}
	struct kh_user_rec r;
	if (find_user(store, name, &r, err))
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	int rc = kh_password_hash(password, hash, sizeof hash, err);
	if (rc == 0 && (rc = kh_store_begin(store, err)) == 0) {
		rc = kh_store_user_set_password(store, r.id, hash, 1, err);
		if (rc == 0)
			rc = audit(store, who, "user-passwd", name, NULL, err);
		if (rc == 0)
			rc = kh_store_commit(store, err);
		if (rc)
			kh_store_rollback(store);
	}
	sodium_memzero(hash, sizeof hash);
	kh_user_rec_free(&r);
	return rc;
}

int kh_account_disable(struct kh_store *store, const char *name, const char *who,
                       struct kh_err *err)
{
	struct kh_user_rec r;
	if (find_user(store, name, &r, err))
		return -1;
	int rc = kh_store_begin(store, err);
	if (rc == 0) {
		rc = kh_store_user_set_disabled(store, r.id, 1, err);
		if (rc == 0)
			rc = audit(store, who, "user-disable", name, NULL, err);
		if (rc == 0)
			rc = kh_store_commit(store, err);
		if (rc)
			kh_store_rollback(store);
	}
	kh_user_rec_free(&r);
	return rc;
}

int kh_account_token_new(struct kh_store *store, const char *name, long user_id,
                         const char *label, const char *who,
                         char token[KH_SECRET_BUFSZ], long *token_id,
                         struct kh_err *err)
{
	struct kh_user_rec r;
	int found;
	token[0] = '\0';
	if (kh_store_user_get(store, name, user_id, &r, &found, err))
		return -1;
	if (!found) {
		kh_error("%s: %s '%s'", kh_store_name(store), kh_tr("没有用户", "no user"),
		         name ? name : "?");
		return kh_fail(err, KH_ERR_NOINPUT);
	}
	int rc = 0;
	if (strcmp(r.role, "insurer") != 0 || r.disabled) {
		kh_error("%s '%s': %s", kh_tr("用户", "user"), r.name,
		         r.disabled ? kh_tr("已停用", "is disabled")
		                    : kh_tr("API 令牌只发给承办机构用户（用于 kaohe submit）",
		                            "API tokens are for insurers only (kaohe submit)"));
		rc = kh_fail(err, KH_ERR_USAGE);
	}
	if (label && strlen(label) > 200) {
		kh_error("%s", kh_tr("标签太长（至多 200 个字节）", "the label is too long (200 bytes at most)"));
		rc = kh_fail(err, KH_ERR_USAGE);
	}
	char now[KH_TIME_BUFSZ], hex[KH_HEX_BUFSZ];
	if (rc == 0)
		rc = now_text(0, now, NULL, err);
	if (rc == 0)
		rc = kh_store_begin(store, err);
	if (rc == 0) {
		kh_secret_new("kh_", token);
		kh_secret_hash(token, hex);
		rc = kh_store_token_add(store, r.id, hex, label, now, token_id, err);
		char subject[32];
		snprintf(subject, sizeof subject, "%ld", *token_id);
		struct kh_json j = { 0 };
		kh_json_raw(&j, "{");
		kh_json_field(&j, "user", r.name);
		kh_json_field(&j, "label", label ? label : "");
		kh_json_raw(&j, "}");
		struct kh_log_entry e = { .who = who, .action = "token-create",
		                          .subject = subject, .after = j.text };
		if (rc == 0)
			rc = kh_store_log_append(store, &e, err);
		free(j.text);
		if (rc == 0)
			rc = kh_store_commit(store, err);
		if (rc) {
			kh_store_rollback(store);
			sodium_memzero(token, KH_SECRET_BUFSZ);
		}
	}
	kh_user_rec_free(&r);
	return rc;
}

int kh_account_token_revoke(struct kh_store *store, long token_id, long user_id,
                            const char *who, int *revoked, struct kh_err *err)
{
	char now[KH_TIME_BUFSZ], subject[32];
	*revoked = 0;
	if (now_text(0, now, NULL, err) || kh_store_begin(store, err))
		return -1;
	snprintf(subject, sizeof subject, "%ld", token_id);
	int rc = kh_store_token_revoke(store, token_id, user_id, now, revoked, err);
	if (rc == 0 && *revoked)
		rc = audit(store, who, "token-revoke", subject, NULL, err);
	if (rc == 0)
		rc = kh_store_commit(store, err);
	if (rc)
		kh_store_rollback(store);
	return rc;
}

/* ---- logins ----------------------------------------------------------------- */

/* A hash to verify against when the name is unknown, so that an unknown
 * name costs as much as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	char pw[KH_SECRET_BUFSZ];
	kh_secret_new(NULL, pw);
	if (crypto_pwhash_str_alg(dummy_hash, pw, strlen(pw),
	                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE,
	                          crypto_pwhash_ALG_ARGON2ID13) != 0)
		dummy_hash[0] = '\0';
	sodium_memzero(pw, sizeof pw);
}

void kh_login_prepare(void)
{
	if (sodium_init() >= 0)
		pthread_once(&dummy_once, make_dummy_hash);
}

/* Seconds until the oldest failure counted leaves the window. */
static long wait_for(const char *oldest, kh_time now)
{
	kh_time t;
	if (kh_time_parse(oldest, &t) != 0)
		return KH_LOGIN_WINDOW_S;
	long left = (long)(t + KH_LOGIN_WINDOW_S - now);
	return left < 1 ? 1 : left;
}

/* The audit log's `who` for a login: the name, when it is one. */
static const char *who_of(const char *name)
{
	return kh_name_valid(name) ? name : "?";
}

/* A limited attempt: Retry-After from the oldest attempt counted against
 * each limit reached, and the audit line. */
static int limited(struct kh_store *store, const char *key, const char *remote,
                   const struct kh_login_failures *f, kh_time now,
                   enum kh_login_result *result, long *retry_after,
                   struct kh_err *err)
{
	long a = f->by_name >= KH_LOGIN_MAX_PER_NAME ? wait_for(f->oldest_name, now) : 0;
	long b = f->by_remote >= KH_LOGIN_MAX_PER_REMOTE ? wait_for(f->oldest_remote, now) : 0;
	*retry_after = a > b ? a : b;
	*result = KH_LOGIN_LIMITED;
	return audit(store, who_of(key), "login-failed", remote, "rate limit", err);
}

/* Whether `password` is the user's (found, enabled); an unknown name costs
 * the same Argon2id verification, against the dummy hash. */
static int password_good(const struct kh_user_rec *r, int found, const char *password)
{
	if (found)
		return kh_password_verify(r->password_hash, password) && !r->disabled;
	kh_password_verify(dummy_hash, password);
	return 0;
}

/* A good password: forget the name's failures, rehash if the parameters
 * were raised, and the audit line. */
static int logged_in(struct kh_store *store, const char *key, const char *password,
                     const char *remote, struct kh_user_rec *r, struct kh_user **user,
                     enum kh_login_result *result, struct kh_err *err)
{
	int rc = kh_store_login_clear(store, key, err);
	if (rc == 0 && crypto_pwhash_str_needs_rehash(r->password_hash,
	                                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                              crypto_pwhash_MEMLIMIT_INTERACTIVE) == 1) {
		char hash[crypto_pwhash_STRBYTES];
		if (kh_password_hash(password, hash, sizeof hash, err) == 0)
			rc = kh_store_user_set_password(store, r->id, hash, 0, err);
		sodium_memzero(hash, sizeof hash);
	}
	if (rc == 0)
		rc = audit(store, r->name, "login", remote, NULL, err);
	if (rc == 0) {
		*user = user_from_rec(r);
		*result = KH_LOGIN_OK;
	}
	return rc;
}

/* The rate limit is counted atomically: kh_store_login_reserve counts the
 * name's and the address's attempts and, under both limits, records this
 * one in the same locked transaction, before the (slow) password check, so
 * that concurrent attempts from any worker thread or server process over
 * the database are let through one at a time and at most the limit get a
 * password check.  A wrong password leaves the reservation as its failure;
 * a right one forgets the name's attempts (in-flight reservations of that
 * name included: only the password's owner can do that).  An attempt over
 * the limit is not recorded, so a flood of them does not extend the
 * lockout: it ends when the oldest counted failure leaves the window, as
 * Retry-After says.  Recording them would let anyone keep a name locked out
 * for ever by sending one request every few minutes.  A store error after
 * the reservation leaves it standing as a failure (the safe side). */
int kh_login(struct kh_store *store, const char *name, const char *password,
             const char *remote, enum kh_login_result *result, long *retry_after,
             struct kh_user **user, struct kh_err *err)
{
	*result = KH_LOGIN_REFUSED;
	*retry_after = 0;
	*user = NULL;
	if (kh_account_init(err))
		return -1;
	pthread_once(&dummy_once, make_dummy_hash);
	if (!name)
		name = "";
	if (!password)
		password = "";
	if (!remote)
		remote = "?";
	/* What is counted and kept of the name: at most KH_NAME_MAX bytes. */
	char key[KH_NAME_MAX + 1];
	snprintf(key, sizeof key, "%s", name);
	char now[KH_TIME_BUFSZ], since[KH_TIME_BUFSZ], forget[KH_TIME_BUFSZ];
	kh_time t;
	if (now_text(0, now, &t, err) || now_text(-KH_LOGIN_WINDOW_S, since, NULL, err)
	    || now_text(-86400, forget, NULL, err))
		return -1;
	struct kh_login_attempt a = { .name = key, .remote = remote, .at = now,
	                              .since = since, .forget_before = forget,
	                              .max_name = KH_LOGIN_MAX_PER_NAME,
	                              .max_remote = KH_LOGIN_MAX_PER_REMOTE };
	struct kh_login_failures f;
	int reserved;
	if (kh_store_login_reserve(store, &a, &f, &reserved, err))
		return -1;
	if (!reserved)
		return limited(store, key, remote, &f, t, result, retry_after, err);
	struct kh_user_rec r;
	int found = 0;
	if (kh_name_valid(name) && strlen(password) <= KH_PASSWORD_MAX
	    && kh_store_user_get(store, name, 0, &r, &found, err))
		return -1;
	if (!password_good(&r, found, password)) {
		if (found)
			kh_user_rec_free(&r);
		return audit(store, who_of(key), "login-failed", remote, NULL, err);
	}
	int rc = logged_in(store, key, password, remote, &r, user, result, err);
	kh_user_rec_free(&r);
	return rc;
}

/* ---- sessions ---------------------------------------------------------------- */

int kh_session_start(struct kh_store *store, long user_id, char id[KH_SECRET_BUFSZ],
                     char csrf[KH_HEX_BUFSZ], struct kh_err *err)
{
	struct kh_session_rec s = { .user_id = user_id };
	kh_time t;
	char idle_before[KH_TIME_BUFSZ], hex[KH_HEX_BUFSZ];
	if (now_text(0, s.created_at, &t, err) || now_text(KH_SESSION_MAX_S, s.expires_at, NULL, err)
	    || now_text(-KH_SESSION_IDLE_S, idle_before, NULL, err))
		return -1;
	memcpy(s.seen_at, s.created_at, sizeof s.seen_at);
	unsigned char bytes[32];
	randombytes_buf(bytes, sizeof bytes);
	sodium_bin2hex(s.csrf, sizeof s.csrf, bytes, sizeof bytes);
	kh_secret_new(NULL, id);
	kh_secret_hash(id, hex);
	if (kh_store_session_prune(store, s.created_at, idle_before, err)
	    || kh_store_session_add(store, hex, &s, err)) {
		sodium_memzero(id, KH_SECRET_BUFSZ);
		return -1;
	}
	memcpy(csrf, s.csrf, KH_HEX_BUFSZ);
	return 0;
}

int kh_session_end(struct kh_store *store, const char *id, struct kh_err *err)
{
	if (!kh_secret_wellformed(id, NULL))
		return 0;
	char hex[KH_HEX_BUFSZ];
	kh_secret_hash(id, hex);
	return kh_store_session_delete(store, hex, err);
}

int kh_session_user(struct kh_store *store, const char *id, struct kh_user **user,
                    struct kh_err *err)
{
	*user = NULL;
	if (!kh_secret_wellformed(id, NULL))
		return 0;
	char hex[KH_HEX_BUFSZ];
	kh_secret_hash(id, hex);
	struct kh_session_rec s;
	int found;
	if (kh_store_session_get(store, hex, &s, &found, err))
		return -1;
	if (!found)
		return 0;
	kh_time now, seen, expires;
	char now_s[KH_TIME_BUFSZ];
	if (now_text(0, now_s, &now, err))
		return -1;
	if (kh_time_parse(s.seen_at, &seen) != 0 || kh_time_parse(s.expires_at, &expires) != 0
	    || now >= expires || now - seen >= KH_SESSION_IDLE_S)
		return kh_store_session_delete(store, hex, err);
	if (kh_account_load(store, s.user_id, user, err))
		return -1;
	if (!*user)
		return kh_store_session_delete(store, hex, err);
	memcpy(kh_user_csrf(*user), s.csrf, KH_HEX_BUFSZ);
	/* one write a minute at most per session, not one per request */
	if (now - seen >= 60 && kh_store_session_touch(store, hex, now_s, err)) {
		kh_user_free(*user);
		*user = NULL;
		return -1;
	}
	return 0;
}
