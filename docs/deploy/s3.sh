#!/bin/sh
# Build a broadsheet site and upload it to an Amazon S3 bucket with the AWS CLI.
#
# Run it from the site's folder (the one holding site.toml), with AWS
# credentials in the environment or in ~/.aws; BUCKET, if set, replaces the
# bucket below. docs/deploy.md explains each step.
set -eu

BUCKET="${BUCKET:-s3://news.example.org}"

# How long browsers and CDNs may keep a file before asking again.
# Pages, feeds, sitemaps and robots.txt change with every new article: short.
PAGE_CACHE="public, max-age=300"
# The files of static/ keep their names from one version to the next: long
# enough to spare requests, short enough that a change reaches readers within
# the hour.
ASSET_CACHE="public, max-age=3600"
# Pages link to the theme's stylesheets and script by a fingerprint of their
# bytes (/theme.css?v=...): a new version is a new address, so keep them a year.
THEME_CACHE="public, max-age=31536000, immutable"

broadsheet check
broadsheet build

# Everything but pages and data first, so that new pages never point at a
# file not yet uploaded; then pages and data; then, once all is in place,
# the files the site no longer has are deleted.
aws s3 sync public/ "$BUCKET" \
  --exclude "*.html" --exclude "*.xml" --exclude "*.json" --exclude "*.txt" \
  --cache-control "$ASSET_CACHE"
aws s3 cp public/ "$BUCKET" --recursive \
  --exclude "*" --include "theme.css" --include "syntax.css" --include "broadsheet.js" \
  --cache-control "$THEME_CACHE"
aws s3 sync public/ "$BUCKET" \
  --exclude "*" --include "*.html" --include "*.xml" --include "*.json" --include "*.txt" \
  --cache-control "$PAGE_CACHE"
aws s3 sync public/ "$BUCKET" --delete
