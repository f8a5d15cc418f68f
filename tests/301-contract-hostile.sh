#!/bin/sh
# 301-contract-hostile: XML that tries to read files, reach the network or
# expand entities exponentially is refused before anything is read: the
# watched file's access time does not move, a listener on 127.0.0.1 sees
# no connection, and an entity-expansion bomb is refused at its first
# declaration.  No wall-clock limits: refusal is checked by its message.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
D=$TESTDATA/contract

# A secret whose access time would move if anything read it (relatime
# updates atime when it is older than mtime).
printf 'SECRET-CONTENT\n' >"$WORK/secret"
touch -a -d '2001-01-01 00:00:00' "$WORK/secret"
atime_before=$(stat -c %X "$WORK/secret")

sed "s|@FILE@|file://$WORK/secret|" "$D/xxe-file.xml.in" >"$WORK/xxe-file.xml"
run "$KAOHE" contract check "$WORK/xxe-file.xml"
expect_rc 65 "external file entity refused"
expect_err 'xxe-file.xml:2:.*实体' "refusal names the DOCTYPE's line"
if grep -q SECRET "$WORK/out" "$WORK/err"; then ok 1 "secret not echoed"; else ok 0 "secret not echoed"; fi

sed "s|@FILE@|$WORK/secret|" "$D/xxe-param.xml.in" >"$WORK/xxe-param.xml"
run "$KAOHE" contract check "$WORK/xxe-param.xml"
expect_rc 65 "external parameter entity refused"
is "$(stat -c %X "$WORK/secret")" "$atime_before" "the secret file was never read"

# A listener on a loopback port: it logs every connection it accepts, and
# stops at the test's own sentinel connection, so the log is complete.
cat >"$WORK/listen.py" <<'PY'
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
log = open(sys.argv[2], "w")
while True:
    c, _ = s.accept()
    data = c.recv(100)
    c.close()
    if data.startswith(b"SENTINEL"):
        break
    log.write("connection\n"); log.flush()
PY
python3 "$WORK/listen.py" "$WORK/port" "$WORK/connections" &
listener=$!
while [ ! -s "$WORK/port" ]; do sleep 0.1; done
port=$(cat "$WORK/port")
sed "s|@PORT@|$port|" "$D/xxe-net.xml.in" >"$WORK/xxe-net.xml"
"$KAOHE" init >/dev/null   # only init creates a database (issue 15)
run "$KAOHE" contract add "$WORK/xxe-net.xml"
expect_rc 65 "external http entity refused"
python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',int(sys.argv[1]))); s.sendall(b'SENTINEL'); s.close()" "$port"
wait $listener
is "$(wc -l <"$WORK/connections")" "0" "nothing connected to the loopback listener"

run "$KAOHE" contract check "$D/bomb.xml"
expect_rc 65 "entity-expansion bomb refused"
expect_err 'bomb.xml:3:' "bomb refused at its first entity declaration"
[ "$(wc -c <"$WORK/err")" -lt 2000 ]; ok $? "refusal message is short"

printf '<?xml version="1.0"?>\n<!DOCTYPE contract SYSTEM "file://%s">\n<contract xmlns="urn:kaohe:contract:1"/>\n' \
	"$WORK/secret" >"$WORK/ext-dtd.xml"
run "$KAOHE" contract check "$WORK/ext-dtd.xml"
expect_rc 65 "external DTD refused"
is "$(stat -c %X "$WORK/secret")" "$atime_before" "the secret file is still unread"
is "$(sql 'SELECT count(*) FROM contracts' 2>/dev/null || echo 0)" "0" "nothing stored"

# A contract whose <units> come before <scoring> and whose points do not add
# up: the consistency check must report, not crash on the consumed <units>.
sed -e 's|<scoring total="100"|<units><unit name="甲县"/></units>\n  <scoring total="90"|' \
	"$SRCDIR/data/contracts/henan-dbbx-2024.xml" >"$WORK/units-first.xml"
run "$KAOHE" contract check "$WORK/units-first.xml"
[ "$rc" -eq 65 ] || [ "$rc" -eq 0 ]; ok $? "units before scoring with points off: a message, not a crash (rc $rc)"

done_testing
