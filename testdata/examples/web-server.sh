#!/bin/sh
# Starts the web server used in the docs. rungate lint flags what is unsafe here.
set -e

# The web root is writable by the container, the root filesystem is writable,
# and the json-file log has no size limit.
docker run --rm -d -p 80:80 \
  -v $PWD/web_base:/var/www/html \
  -v /tmp/weblogs:/var/log/httpd \
  web-server

# The same server, hardened: read-only root and web root, bounded logs.
docker run --rm -d -p 127.0.0.1:8080:80 --read-only \
  --tmpfs /run --tmpfs /tmp \
  --log-opt max-size=10m --log-opt max-file=3 \
  -v "$PWD/web_base:/var/www/html:ro" \
  -v /tmp/weblogs:/var/log/httpd \
  web-server

# A debugging shell that hands the container the host's root filesystem.
sudo docker run --rm -it -v /:/mnt centos /bin/sh
