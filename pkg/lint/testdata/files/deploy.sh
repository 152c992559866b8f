#!/bin/sh
set -e
sudo sh -c 'docker run --read-only --log-opt max-size=10m -v /:/host alpine' # want: host-root-mount
