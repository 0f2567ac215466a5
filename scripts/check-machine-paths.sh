#!/usr/bin/env bash
# Part of `pnpm lint`: docs and code must read the same on every machine, so no
# absolute path of one machine (a user's home, where a data set happened to be
# kept, a named temp directory) in any tracked or new file. Write a placeholder
# instead: $DATA/M for a data set, DIR for a directory of the reader's choice.
set -euo pipefail
cd "$(dirname "$0")/.."
before='(^|[^A-Za-z0-9_.~$/-])'
pattern="${before}/(work|home|root|Users)/|${before}/tmp/[A-Za-z0-9_]"
if git grep --untracked -nIE "$pattern" -- . ':!pnpm-lock.yaml' ':!scripts/check-machine-paths.sh'; then
  echo 'Absolute machine paths above: write a placeholder ($DATA/M, DIR) instead.' >&2
  exit 1
fi
