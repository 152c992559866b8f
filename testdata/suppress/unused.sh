#!/bin/sh
# rungate:ignore host-root-mount -- nothing to hide here
docker run --read-only --log-opt max-size=10m alpine
# rungate:ignore no-such-rule -- a typo
docker run --read-only --log-opt max-size=10m alpine
