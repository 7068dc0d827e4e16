#!/bin/sh
# Build a broadsheet site and upload it to a web server over SSH with rsync.
#
# Run it from the site's folder (the one holding site.toml), by hand or from
# cron; DEST, if set, replaces the destination below. docs/deploy.md explains
# each step.
set -eu

DEST="${DEST:-user@host:/var/www/news/}"

broadsheet check
broadsheet build

# A build leaves a file it did not change as it was, modification time
# included, so rsync sends only the files that changed. --delete-after removes
# the files the site no longer has once everything new is in place.
rsync -av --delete-after public/ "$DEST"
