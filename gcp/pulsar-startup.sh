#!/bin/bash
# Startup script of the Pulsar VM (Container-Optimized OS; runs as root at every boot). COS ships Docker and
# rebuilds /etc at boot, so the unit is written on each boot; the data lives on the stateful partition.
# Pulsar advertises the VM's internal address: clients follow the lookup answer, and "localhost" would send them
# to themselves.
set -euo pipefail

readonly IMAGE="apachepulsar/pulsar:4.0.7"
readonly DATA=/mnt/stateful_partition/pulsar
address="$(curl -sf -H 'Metadata-Flavor: Google' \
  http://metadata.google.internal/computeMetadata/v1/instance/network-interfaces/0/ip)"

mkdir -p "$DATA"
chown 10000:0 "$DATA"   # the image runs Pulsar as uid 10000

cat > /etc/systemd/system/pulsar.service <<UNIT
[Unit]
Description=Apache Pulsar standalone ($IMAGE)
After=docker.service network-online.target
Requires=docker.service

[Service]
Restart=always
RestartSec=5
ExecStartPre=-/usr/bin/docker rm -f pulsar
ExecStart=/usr/bin/docker run --rm --name pulsar -p 6650:6650 -p 8080:8080 -v $DATA:/pulsar/data \
  -e PULSAR_MEM="-Xms512m -Xmx2g -XX:MaxDirectMemorySize=2g" \
  -e PULSAR_PREFIX_brokerDeleteInactiveTopicsEnabled=false \
  -e PULSAR_PREFIX_managedLedgerNewEntriesCheckDelayInMillis=0 \
  $IMAGE sh -c "bin/apply-config-from-env.py conf/standalone.conf && exec bin/pulsar standalone --no-functions-worker --no-stream-storage --advertised-address $address"
ExecStop=/usr/bin/docker stop -t 30 pulsar

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl start pulsar.service
