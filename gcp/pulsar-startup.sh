#!/bin/bash
# Startup script of the Pulsar VM (Container-Optimized OS; runs as root at every boot). COS ships Docker and
# rebuilds /etc at boot, so the unit is written on each boot; the data lives on the stateful partition.
# Pulsar advertises the VM's internal address: clients follow the lookup answer, and "localhost" would send them
# to themselves.
# Secure (issue 19): the broker's certificate and key, the CA, the token public key and the admin token are read
# from Secret Manager with the VM's own service account into a folder only root and the broker's user can read;
# only the TLS ports are published; tokens are checked and authorization is on. Once the broker answers, each role
# is granted its topics (the `topic-grants` metadata: topic, role, actions) and deduplication is turned on.
set -euo pipefail

readonly IMAGE="apachepulsar/pulsar:4.0.7"
readonly DATA=/mnt/stateful_partition/pulsar
readonly SECURE=/mnt/stateful_partition/pulsar-secure
readonly METADATA=http://metadata.google.internal/computeMetadata/v1
readonly NAMESPACE=public/default
metadata() { curl -sf -H 'Metadata-Flavor: Google' "$METADATA/$1"; }
address="$(metadata instance/network-interfaces/0/ip)"
project="$(metadata project/project-id)"

mkdir -p "$DATA" "$SECURE"
chown 10000:0 "$DATA"   # the image runs Pulsar as uid 10000
chmod 700 "$SECURE"
umask 077
# Bearer tokens go in header files, never on a command line.
printf 'Authorization: Bearer %s\n' "$(metadata instance/service-accounts/default/token | sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/')" >"$SECURE/.gcp-auth"
# secret NAME FILE: the latest version of a Secret Manager secret into FILE.
secret() {
  curl -sf -H "@$SECURE/.gcp-auth" "https://secretmanager.googleapis.com/v1/projects/$project/secrets/$1/versions/latest:access" \
    | sed -E 's/.*"data" *: *"([^"]+)".*/\1/' | base64 -d >"$SECURE/$2"
}
secret alpes-pulsar-ca ca.cert.pem
secret alpes-pulsar-broker-cert broker.cert.pem
secret alpes-pulsar-broker-key broker.key.pem
secret alpes-pulsar-token-public-key token-public.key
secret alpes-pulsar-token-admin admin.token
rm -f "$SECURE/.gcp-auth"
chown -R 10000:0 "$SECURE"

cat > /etc/systemd/system/pulsar.service <<UNIT
[Unit]
Description=Apache Pulsar standalone ($IMAGE), TLS and tokens
After=docker.service network-online.target
Requires=docker.service

[Service]
Restart=always
RestartSec=5
ExecStartPre=-/usr/bin/docker rm -f pulsar
ExecStart=/usr/bin/docker run --rm --name pulsar -p 6651:6651 -p 8443:8443 -v $DATA:/pulsar/data \
  -v $SECURE:/pulsar/secure:ro \
  -e PULSAR_MEM="-Xms512m -Xmx2g -XX:MaxDirectMemorySize=2g" \
  -e PULSAR_PREFIX_brokerDeleteInactiveTopicsEnabled=false \
  -e PULSAR_PREFIX_managedLedgerNewEntriesCheckDelayInMillis=0 \
  -e PULSAR_PREFIX_brokerServicePortTls=6651 -e PULSAR_PREFIX_webServicePortTls=8443 \
  -e PULSAR_PREFIX_tlsCertificateFilePath=/pulsar/secure/broker.cert.pem \
  -e PULSAR_PREFIX_tlsKeyFilePath=/pulsar/secure/broker.key.pem \
  -e PULSAR_PREFIX_tlsTrustCertsFilePath=/pulsar/secure/ca.cert.pem \
  -e PULSAR_PREFIX_brokerClientTlsEnabled=true -e PULSAR_PREFIX_brokerClientTrustCertsFilePath=/pulsar/secure/ca.cert.pem \
  -e PULSAR_PREFIX_authenticationEnabled=true \
  -e PULSAR_PREFIX_authenticationProviders=org.apache.pulsar.broker.authentication.AuthenticationProviderToken \
  -e PULSAR_PREFIX_tokenPublicKey=file:///pulsar/secure/token-public.key \
  -e PULSAR_PREFIX_authorizationEnabled=true -e PULSAR_PREFIX_superUserRoles=alpes-admin \
  -e PULSAR_PREFIX_brokerClientAuthenticationPlugin=org.apache.pulsar.client.impl.auth.AuthenticationToken \
  -e PULSAR_PREFIX_brokerClientAuthenticationParameters=file:///pulsar/secure/admin.token \
  $IMAGE sh -c "bin/apply-config-from-env.py conf/standalone.conf && exec bin/pulsar standalone --no-functions-worker --no-stream-storage --advertised-address $address"
ExecStop=/usr/bin/docker stop -t 30 pulsar

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl start pulsar.service

# The admin API, as the admin role, over TLS with the CA (header file: the token is not on a command line).
printf 'Authorization: Bearer %s\n' "$(<"$SECURE/admin.token")" >/root/.pulsar-admin-auth
admin() {
  curl -sS -o /dev/null -w '%{http_code}' --cacert "$SECURE/ca.cert.pem" -H @/root/.pulsar-admin-auth \
    -H 'Content-Type: application/json' -X "$1" "https://$address:8443/admin/v2/$2" ${3:+--data "$3"}
}
for _ in $(seq 1 120); do
  [[ "$(admin GET brokers/health)" == 200 ]] && break
  sleep 5
done
admin POST "namespaces/$NAMESPACE/deduplication" true >/dev/null
# Each line: persistent://<tenant>/<namespace>/<topic> <TAB> role <TAB> actions (comma-separated).
metadata instance/attributes/topic-grants | while IFS=$'\t' read -r topic role actions; do
  [[ -z "$topic" || "$topic" == \#* ]] && continue
  path="persistent/${topic#persistent://}"
  admin PUT "$path" >/dev/null   # 204 created, 409 already there
  code="$(admin POST "$path/permissions/$role" "[\"${actions//,/\",\"}\"]")"
  [[ "$code" == 204 ]] || echo "grant of $actions on $topic to $role answered $code" >&2
done
rm -f /root/.pulsar-admin-auth
