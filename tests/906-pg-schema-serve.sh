#!/bin/sh
# 906-pg-schema-serve: PostgreSQL migrations 5 and 6 — a database at
# schema_version 4 (before kaohe serve) is migrated forward by init, which
# prints the PostgreSQL engine's own version (6); received submissions
# refuse UPDATE, DELETE and TRUNCATE; the demo's fresh start drops the new
# tables too; and a disk-full answer from the server (SQLSTATE 53100) makes
# kaohe serve answer 507 with nothing stored.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not found"
pg_start
. "$SRCDIR/tests/helpers/serve.sh"
trap 'stop_serve KILL; pg_stop; rm -rf "$WORK"' EXIT
have_users || skip_all "kaohe user is not built"
C=henan-dbbx-2024
export KAOHE_DB=$PGURL

run "$KAOHE" --lang en init
expect_rc 0 "init"
expect_out "schema version 6)" "init prints PostgreSQL's schema version"
# Back to version 4: the tables of migrations 5 and 6 gone.
pg_sql "DROP TABLE login_attempts, sessions, api_tokens, user_contracts, users, received_submissions; UPDATE schema_version SET version = 4" >/dev/null
is "$(pg_sql "SELECT to_regclass('users') IS NULL")" "t" "a database at version 4 has no users table"
run "$KAOHE" --lang en init
expect_rc 0 "init migrates version 4 forward"
expect_out "schema version 6)" "… to 6"
is "$(pg_sql "SELECT version FROM schema_version")" "6" "schema_version is 6"
is "$(pg_sql "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('received_submissions','users','user_contracts','api_tokens','sessions','login_attempts')")" \
	"6" "the six tables are there"
is "$(pg_sql "SELECT collation_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'")" \
	"C" "text is COLLATE \"C\""
is "$(pg_sql "SELECT data_type FROM information_schema.columns WHERE table_name = 'received_submissions' AND column_name = 'body'")" \
	"bytea" "bodies are BYTEA"

"$KAOHE" contract add "$C" >/dev/null
TOKEN=$(insurer_token ins-a "$C")
[ -n "$TOKEN" ]; ok $? "an insurer token"
start_serve srv --db "$PGURL"
[ -n "$URL" ]; ok $? "serve started"
post() {   # post BODY-FILE: the status code
	curl -s --cacert ca.pem -o post.json -w '%{http_code}' -X POST "$URL/submissions" \
		-H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" -H "Accept: application/json" \
		-H "Idempotency-Key: $(sha256sum "$1" | cut -d' ' -f1)" -H "X-Kaohe-Contract: $C" \
		-H "X-Kaohe-Report: case-review" -H "X-Kaohe-Period: 2024-03" --data-binary @"$1"
}
printf 'claim_id,result\nC1,pass\n' >one.csv
is "$(post one.csv)" "201" "a submission is stored"
pg_sql "TRUNCATE received_submissions" >/dev/null 2>&1
ok $((!$?)) "TRUNCATE of received submissions is refused"
pg_sql "UPDATE received_submissions SET size = 0" >/dev/null 2>&1
ok $((!$?)) "UPDATE is refused"
is "$(pg_sql "SELECT count(*) FROM received_submissions")" "1" "the row stands"

# The database says it is full (SQLSTATE 53100): 507, nothing stored.
pg_sql "CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END\$\$;
CREATE TRIGGER full_disk BEFORE INSERT ON received_submissions FOR EACH ROW EXECUTE FUNCTION full_disk()" >/dev/null
printf 'claim_id,result\nC2,fail\n' >two.csv
is "$(post two.csv)" "507" "disk full on PostgreSQL: 507"
is "$(pg_sql "SELECT count(*) FROM received_submissions")" "1" "nothing stored"
is "$(pg_sql "SELECT count(*) FROM audit_log WHERE action = 'receive'")" "1" "no audit entry for it"
pg_sql "DROP TRIGGER full_disk ON received_submissions" >/dev/null
is "$(post two.csv)" "201" "once there is room, the same body is stored"
stop_serve
is "$serve_rc" "0" "serve exits 0"

# The demo starts afresh: the new tables are dropped with the others.
"$KAOHE" --db "$PGURL" demo pg >/dev/null 2>&1
ok $? "the demo on a database with users and received submissions"
is "$(pg_sql "SELECT count(*) FROM received_submissions") $(pg_sql "SELECT count(*) FROM users")" "0 0" \
	"the demo's fresh database has none of them"
done_testing
