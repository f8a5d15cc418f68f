#!/bin/sh
# 903-pg-users: `kaohe user` on PostgreSQL (schema migration 6 there) —
# add (a name taken refused, 65), list, token (only its SHA-256 stored),
# tokens, revoke (twice: 66), set-password/disable through the same store
# functions as on SQLite; `kaohe init` says schema version 6.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
pg_start
export KAOHE_DB=$PGURL

run "$KAOHE" init
expect_rc 0 "init on PostgreSQL"
expect_out "6)" "init prints schema version 6"
is "$(pg_sql "SELECT version FROM schema_version")" "6" "schema_version is 6"
"$KAOHE" contract add henan-dbbx-2024 >/dev/null 2>&1
"$KAOHE" user --help >/dev/null 2>&1 || skip_all "kaohe user is not built"
printf 'correct-horse-1\n' >pw
chmod 600 pw

run "$KAOHE" user add zhang --role regulator --display 张科长 --password-file pw
expect_rc 0 "add a regulator"
run "$KAOHE" user add pingan --role insurer --contract henan-dbbx-2024 --password-file pw
expect_rc 0 "add an insurer bound to a contract"
run "$KAOHE" user add pingan --role insurer --contract henan-dbbx-2024 --password-file pw
expect_rc 65 "a name taken is refused (65)"
expect_err "pingan" "the message names the user"
is "$(pg_sql "SELECT count(*) FROM users")" "2" "two users stored"
is "$(pg_sql "SELECT u.name || ':' || c.contract FROM user_contracts c JOIN users u ON u.id = c.user_id")" \
	"pingan:henan-dbbx-2024" "the insurer's contract stored"
case $(pg_sql "SELECT password_hash FROM users WHERE name = 'zhang'") in
	'$argon2id$'*) ok 0 "an Argon2id hash is stored" ;; *) ok 1 "an Argon2id hash is stored" ;; esac

run "$KAOHE" user list
expect_rc 0 "user list"
expect_out "^pingan	承办机构	henan-dbbx-2024	" "list: the insurer and its contract"
expect_out "^zhang	医保局	全部合同	.*	张科长" "list: the regulator"

run "$KAOHE" user token pingan --label monthly
expect_rc 0 "a token for the insurer"
TOKEN=$(head -n 1 "$WORK/out")
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
is "$(pg_sql "SELECT sha256 FROM api_tokens WHERE id = 1")" "$HASH" "only the token's SHA-256 is stored"
is "$(pg_sql "SELECT count(*) FROM api_tokens WHERE sha256 = '$TOKEN'")" "0" "never the token itself"
run "$KAOHE" user token pingan
expect_rc 0 "a second token"
run "$KAOHE" user tokens
expect_out "^1	pingan	monthly	.*	有效$" "tokens: number, user, label, valid"
is "$(wc -l <"$WORK/out" | tr -d ' ')" "2" "two tokens listed"
run "$KAOHE" user revoke 1
expect_rc 0 "revoke token 1"
run "$KAOHE" user revoke 1
expect_rc 66 "revoking it again: no valid token (66)"
run "$KAOHE" user revoke 99
expect_rc 66 "an unknown token number (66)"
is "$(pg_sql "SELECT id FROM api_tokens WHERE revoked_at IS NULL")" "2" "token 2 stays valid"
run "$KAOHE" user tokens
expect_out "^2	pingan	-	" "the second token listed without a label"

done_testing
