# Sourced by the benchmarks: a certificate chain shaped as a public CA's (an RSA-2048 root, an
# RSA-2048 intermediate, an RSA-2048 leaf for 127.0.0.1 and localhost), made once in $OUT/tls, with
# a copy of the JDK's trust store ($JDK) that trusts the root (cacerts) and the leaf's key store for
# a Java TLS server (leaf.p12, password changeit). Needs OUT and JDK set.
# the certificate chain and the trust store, made once
TLS="$OUT/tls"
if [[ ! -f "$TLS/cacerts" || ! -f "$TLS/leaf.p12" ]]; then
  rm -rf "$TLS"; mkdir -p "$TLS"
  ssl() { openssl "$@" 2>/dev/null; }
  ssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout "$TLS/root.key" -out "$TLS/root.pem" \
    -subj "/C=US/O=Bench Trust/CN=Bench Root CA" \
    -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign"
  ssl req -newkey rsa:2048 -nodes -keyout "$TLS/inter.key" -out "$TLS/inter.csr" -subj "/C=US/O=Bench Trust/CN=Bench Issuing CA"
  printf 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$TLS/inter.ext"
  ssl x509 -req -in "$TLS/inter.csr" -CA "$TLS/root.pem" -CAkey "$TLS/root.key" -CAcreateserial -days 1825 \
    -extfile "$TLS/inter.ext" -out "$TLS/inter.pem"
  ssl req -newkey rsa:2048 -nodes -keyout "$TLS/leaf.key" -out "$TLS/leaf.csr" -subj "/CN=localhost"
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' > "$TLS/leaf.ext"
  ssl x509 -req -in "$TLS/leaf.csr" -CA "$TLS/inter.pem" -CAkey "$TLS/inter.key" -CAcreateserial -days 365 \
    -extfile "$TLS/leaf.ext" -out "$TLS/leaf.pem"
  cp "$(readlink -f "$JDK/lib/security/cacerts")" "$TLS/cacerts.tmp"; chmod u+w "$TLS/cacerts.tmp"
  "$JDK/bin/keytool" -importcert -noprompt -keystore "$TLS/cacerts.tmp" -storepass changeit -alias bench-root \
    -file "$TLS/root.pem" >/dev/null 2>&1
  openssl pkcs12 -export -inkey "$TLS/leaf.key" -in "$TLS/leaf.pem" -certfile "$TLS/inter.pem" \
    -passout pass:changeit -out "$TLS/leaf.p12" 2>/dev/null
  mv "$TLS/cacerts.tmp" "$TLS/cacerts"
fi

