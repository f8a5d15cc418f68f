#!/bin/sh
# 820-user-cli: `kaohe user` on a real SQLite file — add (roles, contracts,
# weak and command-line passwords refused), list, token (printed once,
# alone on stdout, stored only as its SHA-256), tokens, revoke, passwd,
# disable, and every change in the audit trail.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 not found"

"$KAOHE" init >/dev/null 2>&1
"$KAOHE" contract add henan-dbbx-2024 >/dev/null 2>&1
"$KAOHE" contract add luoyang-zgyb-2024 >/dev/null 2>&1
printf 'first-password\n' >pw
printf 'second-password\n' >pw2
printf '1234567\n' >short
printf '12345678\n' >eight
chmod 600 pw pw2 short eight

run "$KAOHE" user --help
expect_rc 0 "user --help exits 0"
expect_out "Argon2id" "the help says how passwords are kept"
run "$KAOHE" --lang en user --help
expect_out "^usage: kaohe user" "user --help in English"
expect_out "shown this once" "the English help says a token is shown once"

run "$KAOHE" user add zhang --role regulator --display 张科长 --password-file pw
expect_rc 0 "add a regulator"
run "$KAOHE" user add wang --role 考核组 --password-file pw
expect_rc 0 "add a panel member, the role in Chinese"
run "$KAOHE" user add pingan --role insurer --contract henan-dbbx-2024 --password-file pw
expect_rc 0 "add an insurer bound to one contract"
run "$KAOHE" user add renshou --role insurer --contract luoyang-zgyb-2024 --password-file pw
expect_rc 0 "add a second insurer"

run "$KAOHE" user add pingan --role insurer --contract henan-dbbx-2024 --password-file pw
expect_rc 65 "a name taken is refused (65)"
run "$KAOHE" user add nocon --role insurer --password-file pw
expect_rc 64 "an insurer without a contract is refused"
run "$KAOHE" user add regc --role regulator --contract henan-dbbx-2024 --password-file pw
expect_rc 64 "a regulator bound to a contract is refused"
run "$KAOHE" user add ghost --role insurer --contract no-such-contract --password-file pw
expect_rc 66 "an unknown contract is refused (66)"
run "$KAOHE" user add boss --role admin --password-file pw
expect_rc 64 "an unknown role is refused"
run "$KAOHE" user add 'a b' --role panel --password-file pw
expect_rc 64 "a name with a space is refused"
run "$KAOHE" user add shorty --role panel --password-file short
expect_rc 64 "a 7-byte password is refused"
expect_err "8" "the refusal names the minimum"
run "$KAOHE" user add eight --role panel --password-file eight
expect_rc 0 "an 8-byte password is accepted"
printf '\n' >empty
run "$KAOHE" user add emptyp --role panel --password-file empty
expect_rc 64 "an empty password is refused"
run "$KAOHE" user add cli --role panel --password 'on-the-line-1'
expect_rc 64 "--password on the command line is refused"
if grep -q 'on-the-line-1' "$WORK/out" "$WORK/err"; then ok 1 "the refused password is not echoed"
else ok 0 "the refused password is not echoed"; fi
run "$KAOHE" user add cli2 --role panel --password='on-the-line-2'
expect_rc 64 "--password=VALUE is refused"
if grep -q 'on-the-line-2' "$WORK/out" "$WORK/err"; then ok 1 "--password=VALUE is not echoed"
else ok 0 "--password=VALUE is not echoed"; fi
run sh -c "printf 'from-stdin-pw\n' | \"\$KAOHE\" user add stdin --role panel --password-file -"
expect_rc 0 "the password from stdin (--password-file -)"
run sh -c "\"\$KAOHE\" user add tty --role panel </dev/null"
is "$( [ "$rc" -ne 0 ] && echo refused)" "refused" "no file and no terminal: refused"

is "$(sql "SELECT count(*) FROM users")" "6" "six users stored"
is "$(sql "SELECT count(*) FROM users WHERE substr(password_hash, 1, 10) = '\$argon2id\$'")" "6" \
	"every password is an Argon2id hash"
is "$(sql "SELECT count(*) FROM users WHERE password_hash LIKE '%first-password%'")" "0" \
	"no password in clear"
is "$(sql "SELECT contract FROM user_contracts JOIN users ON users.id = user_id WHERE name = 'pingan'")" \
	"henan-dbbx-2024" "the insurer's contract is bound"

run "$KAOHE" user list
expect_rc 0 "user list"
expect_out "^pingan	承办机构	henan-dbbx-2024	" "list: the insurer, its role in Chinese and its contract"
expect_out "^zhang	医保局	全部合同	.*	张科长" "list: the regulator sees all contracts, with its display name"
run "$KAOHE" --lang en user list
expect_out "^wang	panel	all contracts" "list in English"

# --- tokens ------------------------------------------------------------------
run "$KAOHE" user token pingan --label monthly
expect_rc 0 "a token for the insurer"
TOKEN=$(cat "$WORK/out")
is "$(wc -l <"$WORK/out" | tr -d ' ')" "1" "stdout is one line"
if printf '%s' "$TOKEN" | grep -qE '^kh_[A-Za-z0-9_-]{43}$'; then ok 0 "it is kh_ and 43 base64url characters"
else ok 1 "it is kh_ and 43 base64url characters"; diag "$TOKEN"; fi
expect_err "1" "the token's number goes to stderr"
if grep -qF -- "$TOKEN" "$WORK/err"; then ok 1 "the token is not on stderr"; else ok 0 "the token is not on stderr"; fi
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
is "$(sql "SELECT sha256 FROM api_tokens WHERE id = 1")" "$HASH" "only the token's SHA-256 is stored"
if grep -qaF -- "$TOKEN" "$KAOHE_DB" "$KAOHE_DB-wal" 2>/dev/null; then ok 1 "the token itself is nowhere in the database file"
else ok 0 "the token itself is nowhere in the database file"; fi
run "$KAOHE" user token zhang
expect_rc 64 "no token for a regulator"
run "$KAOHE" user token nobody
expect_rc 66 "no token for an unknown user"
run "$KAOHE" user token renshou
expect_rc 0 "a token for the second insurer"
run "$KAOHE" user tokens
expect_out "^1	pingan	monthly	.*	有效$" "tokens: number, user, label, valid"
expect_out "^2	renshou	-	" "tokens: the second"
if grep -qF -- "$TOKEN" "$WORK/out"; then ok 1 "tokens never shows a token"; else ok 0 "tokens never shows a token"; fi
run "$KAOHE" user tokens renshou
is "$(wc -l <"$WORK/out" | tr -d ' ')" "1" "tokens NAME: only that user's"
run "$KAOHE" user revoke 1
expect_rc 0 "revoke token 1"
run "$KAOHE" user revoke 1
expect_rc 66 "revoking it again: no valid token (66)"
run "$KAOHE" user revoke 99
expect_rc 66 "an unknown token number (66)"
run "$KAOHE" user revoke x1
expect_rc 64 "a token number that is not a number (64)"
run "$KAOHE" user tokens pingan
expect_out "^1	pingan	monthly	[0-9-]+ [0-9:]+	[0-9-]+ [0-9:]+$" "tokens: the revoked one has its revocation time"

# --- passwd, disable ---------------------------------------------------------
OLD=$(sql "SELECT password_hash FROM users WHERE name = 'wang'")
run "$KAOHE" user passwd wang --password-file pw2
expect_rc 0 "passwd"
NEW=$(sql "SELECT password_hash FROM users WHERE name = 'wang'")
is "$( [ "$OLD" != "$NEW" ] && echo changed)" "changed" "the hash changed"
run "$KAOHE" user passwd wang --password-file short
expect_rc 64 "passwd refuses a short password"
run "$KAOHE" user passwd nobody --password-file pw2
expect_rc 66 "passwd of an unknown user (66)"
run "$KAOHE" user disable renshou
expect_rc 0 "disable"
is "$(sql "SELECT disabled FROM users WHERE name = 'renshou'")" "1" "the user is disabled"
run "$KAOHE" user list
expect_out "^renshou	.*	已停用$" "list shows it disabled"
run "$KAOHE" user frobnicate
expect_rc 64 "an unknown subcommand"
run "$KAOHE" user list extra
expect_rc 64 "list takes no operand"
run "$KAOHE" user token pingan --role panel
expect_rc 64 "token takes no --role"

# --- the audit trail -----------------------------------------------------------
run "$KAOHE" log
expect_out "添加用户  zhang" "log: user added"
expect_out "发放令牌  1" "log: token created"
expect_out "吊销令牌  1" "log: token revoked"
expect_out "修改密码  wang" "log: password set"
expect_out "停用用户  renshou" "log: user disabled"
if grep -qF -- "$TOKEN" "$WORK/out"; then ok 1 "the log holds no token"; else ok 0 "the log holds no token"; fi
if grep -q -- "first-password" "$WORK/out"; then ok 1 "the log holds no password"; else ok 0 "the log holds no password"; fi

done_testing
