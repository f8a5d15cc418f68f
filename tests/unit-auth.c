/* unit-auth.c: who may do what in kaohe serve — password hashing and
 * verification, tokens and their constant-time comparison, roles, which
 * contracts a user may see, and, on a store in a temporary file, the
 * session expiry (8 h idle, 12 h absolute) and the login rate limit (5 per
 * name in 15 minutes) at their boundaries, with $KAOHE_NOW as the clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "auth.h"
#include "server.h"
#include "store.h"
#include "store-users.h"
#include "tap.h"

static void test_passwords(void)
{
	struct kh_err err = { 0 };
	char h1[256], h2[256];
	ok(kh_password_hash("correct horse", h1, sizeof h1, &err) == 0, "hash a password");
	ok(strncmp(h1, "$argon2id$", 10) == 0, "the hash is an Argon2id string");
	ok(strstr(h1, "correct horse") == NULL, "the hash does not hold the password");
	ok(kh_password_hash("correct horse", h2, sizeof h2, &err) == 0 && strcmp(h1, h2) != 0,
	   "the same password hashes differently (salt)");
	ok(kh_password_verify(h1, "correct horse"), "the right password verifies");
	ok(!kh_password_verify(h1, "correct hors"), "one byte short does not");
	ok(!kh_password_verify(h1, "correct horse "), "one byte more does not");
	ok(!kh_password_verify(h1, ""), "empty does not");
	ok(!kh_password_verify("not a hash", "correct horse"), "a broken hash verifies nothing");
	ok(kh_password_weak("1234567") != NULL, "7 bytes: too short");
	ok(kh_password_weak("12345678") == NULL, "8 bytes: long enough");
	ok(kh_password_weak("1234\t5678") != NULL, "a control character is refused");
	ok(kh_password_weak("密码密码密码") == NULL, "UTF-8 counts in bytes (18)");
}

static void test_tokens(void)
{
	char a[KH_SECRET_BUFSZ], b[KH_SECRET_BUFSZ], hex[KH_HEX_BUFSZ];
	kh_secret_new("kh_", a);
	kh_secret_new("kh_", b);
	is_int((long long)strlen(a), 46, "a token is kh_ + 43 characters");
	ok(strcmp(a, b) != 0, "two tokens differ");
	ok(kh_secret_wellformed(a, "kh_"), "a new token is well formed");
	ok(!kh_secret_wellformed(a + 3, "kh_"), "without its prefix it is not");
	char bad[KH_SECRET_BUFSZ];
	snprintf(bad, sizeof bad, "%s", a);
	bad[10] = '/';
	ok(!kh_secret_wellformed(bad, "kh_"), "a character outside base64url is refused");
	bad[45] = '\0';
	ok(!kh_secret_wellformed(a + 1, "kh_") && !kh_secret_wellformed("kh_", "kh_"),
	   "a wrong length is refused");
	kh_secret_new(NULL, b);
	ok(kh_secret_wellformed(b, NULL) && strlen(b) == 43, "a session id is 43 characters");
	kh_secret_hash("abc", hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "SHA-256 of abc (FIPS 180-2 example)");
	ok(kh_secret_equal("abcdef", "abcdef"), "equal strings compare equal");
	ok(!kh_secret_equal("abcdef", "abcdeg"), "the last byte differs");
	ok(!kh_secret_equal("abcdef", "abcde"), "a prefix is not equal");
	ok(!kh_secret_equal(NULL, "abc") && !kh_secret_equal("abc", NULL), "NULL is never equal");
	ok(kh_name_valid("zhang.san@henan") && !kh_name_valid("") && !kh_name_valid("a b")
	   && !kh_name_valid("张三"), "login names: ASCII letters, digits, . _ - @");
}

static void test_roles(void)
{
	enum kh_role r = 0;
	ok(kh_role_parse("regulator", &r) == 0 && r == KH_ROLE_REGULATOR, "regulator");
	ok(kh_role_parse("panel", &r) == 0 && r == KH_ROLE_PANEL, "panel");
	ok(kh_role_parse("insurer", &r) == 0 && r == KH_ROLE_INSURER, "insurer");
	ok(kh_role_parse("医保局", &r) == 0 && r == KH_ROLE_REGULATOR, "医保局");
	ok(kh_role_parse("考核组", &r) == 0 && r == KH_ROLE_PANEL, "考核组");
	ok(kh_role_parse("承办机构", &r) == 0 && r == KH_ROLE_INSURER, "承办机构");
	ok(kh_role_parse("Regulator", &r) == -1 && kh_role_parse("admin", &r) == -1
	   && kh_role_parse("", &r) == -1 && kh_role_parse(NULL, &r) == -1,
	   "anything else is unknown");
	is_str(kh_role_code(KH_ROLE_PANEL), "panel", "the code of panel");
	is_str(kh_role_code(KH_ROLE_INSURER), "insurer", "the code of insurer");

	char *mine[] = { "henan-dbbx-2024", "kaifeng-dae-2024" };
	struct kh_user ins = { .role = KH_ROLE_INSURER, .contracts = mine, .ncontracts = 2 };
	struct kh_user reg = { .role = KH_ROLE_REGULATOR };
	struct kh_user panel = { .role = KH_ROLE_PANEL };
	struct kh_user none = { .role = 0 };
	ok(kh_user_may_see(&ins, "henan-dbbx-2024") && kh_user_may_see(&ins, "kaifeng-dae-2024"),
	   "an insurer sees its contracts");
	ok(!kh_user_may_see(&ins, "luoyang-zgyb-2024"), "an insurer does not see another's");
	ok(!kh_user_may_see(&ins, "henan-dbbx-202"), "nor a prefix of its own");
	ok(!kh_user_may_see(&ins, "henan-dbbx-2024 "), "nor its own with a space more");
	ok(kh_user_may_see(&reg, "luoyang-zgyb-2024") && kh_user_may_see(&panel, "anything"),
	   "a regulator and a panel member see every contract");
	ok(!kh_user_may_see(NULL, "henan-dbbx-2024") && !kh_user_may_see(&reg, NULL)
	   && !kh_user_may_see(&none, "x"), "nobody, no contract, no role: nothing");
}

static void now(const char *when)
{
	setenv("KAOHE_NOW", when, 1);
}

static void test_sessions(struct kh_store *s, long uid)
{
	struct kh_err err = { 0 };
	char id[KH_SECRET_BUFSZ], csrf[KH_HEX_BUFSZ];
	struct kh_user *u = NULL;
	now("2026-03-02 09:00:00");
	ok(kh_session_start(s, uid, id, csrf, &err) == 0, "a session starts");
	is_int((long long)strlen(csrf), 64, "its CSRF token is 64 hex digits");
	now("2026-03-02 16:59:59");
	ok(kh_session_user(s, id, &u, &err) == 0 && u && u->id == uid,
	   "7:59:59 idle: still valid");
	ok(u && strcmp(kh_user_csrf(u), csrf) == 0, "the user carries the session's CSRF token");
	kh_user_free(u);
	now("2026-03-02 20:59:59");
	ok(kh_session_user(s, id, &u, &err) == 0 && u, "11:59:59 after the login (4 h idle): valid");
	kh_user_free(u);
	now("2026-03-02 21:00:00");
	ok(kh_session_user(s, id, &u, &err) == 0 && !u, "12:00:00 after the login: ended");
	now("2026-03-02 20:00:00");
	ok(kh_session_user(s, id, &u, &err) == 0 && !u, "and stays ended (deleted)");

	now("2026-03-03 09:00:00");
	kh_session_start(s, uid, id, csrf, &err);
	now("2026-03-03 17:00:00");
	ok(kh_session_user(s, id, &u, &err) == 0 && !u, "8:00:00 without a request: ended");

	now("2026-03-04 09:00:00");
	kh_session_start(s, uid, id, csrf, &err);
	char other[KH_SECRET_BUFSZ];
	kh_secret_new(NULL, other);
	ok(kh_session_user(s, other, &u, &err) == 0 && !u, "an unknown session id: nobody");
	ok(kh_session_user(s, "../../etc", &u, &err) == 0 && !u, "a malformed one: nobody");
	ok(kh_session_end(s, id, &err) == 0 && kh_session_user(s, id, &u, &err) == 0 && !u,
	   "logout ends the session");
}

static void test_logins(struct kh_store *s)
{
	struct kh_err err = { 0 };
	enum kh_login_result res;
	long wait;
	struct kh_user *u = NULL;
	now("2026-03-05 10:00:00");
	ok(kh_login(s, "li", "right-password", "10.0.0.1", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_OK && u && strcmp(u->name, "li") == 0, "the right password logs in");
	kh_user_free(u);
	for (int i = 0; i < 5; i++)
		kh_login(s, "li", "wrong-password", "10.0.0.1", &res, &wait, &u, &err);
	ok(res == KH_LOGIN_REFUSED, "the 5th wrong password is refused, not limited");
	now("2026-03-05 10:14:59");
	ok(kh_login(s, "li", "right-password", "10.0.0.1", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_LIMITED && !u, "6th attempt within 15 min: limited, even when right");
	is_int(wait, 1, "Retry-After: 1 s until the oldest failure is 15 min old");
	ok(kh_login(s, "nobody", "x", "10.0.0.2", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_REFUSED, "another name from another address is not limited");
	now("2026-03-05 10:15:00");
	ok(kh_login(s, "li", "right-password", "10.0.0.1", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_OK, "at 15:00 the failures have left the window");
	kh_user_free(u);
	/* the success forgot li's failures: five more are needed */
	for (int i = 0; i < 4; i++)
		kh_login(s, "li", "wrong", "10.0.0.3", &res, &wait, &u, &err);
	ok(kh_login(s, "li", "right-password", "10.0.0.3", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_OK, "4 failures after a success: not limited");
	kh_user_free(u);
	/* unknown names count too, and look the same */
	for (int i = 0; i < 5; i++)
		kh_login(s, "ghost", "whatever1", "10.0.0.4", &res, &wait, &u, &err);
	ok(res == KH_LOGIN_REFUSED, "an unknown name is refused like a wrong password");
	kh_login(s, "ghost", "whatever1", "10.0.0.4", &res, &wait, &u, &err);
	ok(res == KH_LOGIN_LIMITED && wait == 900, "and limited after 5: Retry-After 900");
	/* per address: 30 in 15 minutes, whatever the names */
	now("2026-03-05 11:00:00");
	for (int i = 0; i < 30; i++) {
		char name[16];
		snprintf(name, sizeof name, "n%d", i);
		kh_login(s, name, "wrong", "10.9.9.9", &res, &wait, &u, &err);
	}
	ok(kh_login(s, "li", "right-password", "10.9.9.9", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_LIMITED, "31st attempt from one address: limited");
	ok(kh_login(s, "li", "right-password", "10.9.9.8", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_OK, "the same name from another address: in");
	kh_user_free(u);
	/* limited attempts are not counted: a flood does not extend the lockout */
	now("2026-03-05 13:00:00");
	for (int i = 0; i < 5; i++)
		kh_login(s, "li", "wrong", "10.0.0.5", &res, &wait, &u, &err);
	now("2026-03-05 13:05:00");
	for (int i = 0; i < 20; i++)
		kh_login(s, "li", "wrong", "10.0.0.5", &res, &wait, &u, &err);
	ok(res == KH_LOGIN_LIMITED && wait == 600, "limited at 13:05, Retry-After 600");
	now("2026-03-05 13:14:59");
	kh_login(s, "li", "right-password", "10.0.0.5", &res, &wait, &u, &err);
	ok(res == KH_LOGIN_LIMITED && wait == 1, "… at 13:14:59 still, for 1 s more");
	now("2026-03-05 13:15:00");
	ok(kh_login(s, "li", "right-password", "10.0.0.5", &res, &wait, &u, &err) == 0
	   && res == KH_LOGIN_OK, "at 13:15 in, though 21 limited attempts came since 13:00");
	kh_user_free(u);
}

static void test_store_accounts(void)
{
	char path[] = "/tmp/kaohe-unit-auth.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		ok(0, "a temporary file");
		return;
	}
	close(fd);
	unlink(path);
	struct kh_store *s;
	struct kh_err err = { 0 };
	now("2026-03-01 08:00:00");
	if (kh_store_open(path, KH_STORE_CREATE, &s, &err)) {
		ok(0, "open a store");
		return;
	}
	long uid, tid;
	ok(kh_account_add(s, "li", KH_ROLE_REGULATOR, "李", NULL, 0, "right-password",
	                  "test", &uid, &err) == 0, "add a regulator");
	char *c[] = { "henan-dbbx-2024" };
	long ins;
	ok(kh_account_add(s, "pingan", KH_ROLE_INSURER, "", c, 1, "insurer-password",
	                  "test", &ins, &err) == 0, "add an insurer bound to a contract");
	char token[KH_SECRET_BUFSZ];
	ok(kh_account_token_new(s, "pingan", 0, "cli", "test", token, &tid, &err) == 0
	   && kh_secret_wellformed(token, "kh_"), "a token for the insurer");
	char hex[KH_HEX_BUFSZ], stored[KH_HEX_BUFSZ];
	long t2, u2;
	int found;
	kh_secret_hash(token, hex);
	ok(kh_store_token_find(s, hex, &t2, &u2, stored, &found, &err) == 0 && found
	   && t2 == tid && u2 == ins && kh_secret_equal(hex, stored),
	   "the token is found by its SHA-256, for its user");
	int revoked;
	ok(kh_account_token_revoke(s, tid, uid, "test", &revoked, &err) == 0 && !revoked,
	   "another user cannot revoke it");
	ok(kh_account_token_revoke(s, tid, ins, "test", &revoked, &err) == 0 && revoked,
	   "its user can");
	ok(kh_store_token_find(s, hex, &t2, &u2, stored, &found, &err) == 0 && !found,
	   "a revoked token is not found");
	test_sessions(s, uid);
	test_logins(s);
	kh_store_close(s);
	unlink(path);
	char side[sizeof path + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int main(void)
{
	struct kh_err err = { 0 };
	ok(kh_auth_init(&err) == 0, "libsodium initialises");
	test_passwords();
	test_tokens();
	test_roles();
	test_store_accounts();
	return done_testing();
}
