#!/bin/sh
# Dumps the storefront database to the backup bucket mounted by the platform.
set -eu
pg_dump --format=custom --file="/backups/storefront-$(date +%Y%m%d).dump" storefront
