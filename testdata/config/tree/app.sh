#!/bin/sh
docker run --read-only --log-opt max-size=10m -v /:/host -v "$PWD/blob:/stuff" alpine
