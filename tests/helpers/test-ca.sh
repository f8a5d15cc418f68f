# tests/helpers/test-ca.sh: sourced by the HTTPS test helpers (serve.sh,
# report-server.sh) after tests/lib.sh.  make_test_ca CN SAN: a private CA
# (ca.pem) and a server certificate (server.pem, server.key) signed by it
# for subjectAltName SAN, in the current directory; one TAP line.
make_test_ca() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout ca.key -out ca.pem -days 2 -subj "/CN=$1" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
	printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$2" >server.ext
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
		-out server.pem -days 2 -extfile server.ext 2>/dev/null
	[ -s server.pem ]; ok $? "test CA and server certificate made"
}
