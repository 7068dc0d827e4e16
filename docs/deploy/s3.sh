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
# The theme's stylesheets and script keep their names from one version of the
# theme to the next (/theme.css, /syntax.css, /broadsheet.js), and so do the
# files of static/: long enough to spare requests, short enough that a change
# reaches readers within the hour.
ASSET_CACHE="public, max-age=3600"

broadsheet check
broadsheet build

# Everything but pages and data first, so that new pages never point at a
# file not yet uploaded; then pages and data; then, once all is in place,
# the files the site no longer has are deleted.
aws s3 sync public/ "$BUCKET" \
  --exclude "*.html" --exclude "*.xml" --exclude "*.json" --exclude "*.txt" \
  --cache-control "$ASSET_CACHE"
aws s3 sync public/ "$BUCKET" \
  --exclude "*" --include "*.html" --include "*.xml" --include "*.json" --include "*.txt" \
  --cache-control "$PAGE_CACHE"
aws s3 sync public/ "$BUCKET" --delete
