#!/bin/sh
# End-of-line form: the root mount is reviewed; its other findings stay.
docker run --read-only --log-opt max-size=10m -v /:/host alpine # rungate:ignore host-root-mount -- node agent, reviewed in SEC-12
