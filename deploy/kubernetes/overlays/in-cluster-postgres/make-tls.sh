#!/usr/bin/env bash
# Makes the in-cluster PostgreSQL's TLS certificate, once, with OpenSSL: a CA of its own and a server certificate it
# signs for every name the services may use (postgres, postgres.incident-lifecycle.svc[.cluster.local]).
#   tls/server.crt, tls/server.key   the server's certificate and key (the Secret postgres-tls of this overlay)
#   tls/ca.crt, tls/ca.key           the CA (keep ca.key to renew the server certificate; never committed)
#   ../../secrets/postgres-ca.crt    the CA certificate the services verify the server with (verify-full)
# Run it again to renew (it keeps an existing CA); then `kubectl apply -k` rolls PostgreSQL and the services.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077
mkdir -p tls
if [ ! -s tls/ca.key ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=incident-lifecycle PostgreSQL CA" \
    -keyout tls/ca.key -out tls/ca.crt 2>/dev/null
fi
openssl req -newkey rsa:3072 -nodes -subj "/CN=postgres" -keyout tls/server.key -out tls/server.csr 2>/dev/null
printf 'subjectAltName=DNS:postgres,DNS:postgres.incident-lifecycle.svc,DNS:postgres.incident-lifecycle.svc.cluster.local\nextendedKeyUsage=serverAuth\n' \
  > tls/server.ext
openssl x509 -req -in tls/server.csr -CA tls/ca.crt -CAkey tls/ca.key -CAcreateserial -days 825 \
  -extfile tls/server.ext -out tls/server.crt 2>/dev/null
rm -f tls/server.csr tls/server.ext
cp tls/ca.crt ../../secrets/postgres-ca.crt
echo "Wrote $(pwd)/tls/server.crt, tls/server.key and ../../secrets/postgres-ca.crt"
