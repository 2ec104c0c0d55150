#!/usr/bin/env bash
# The pull request's plan report (README, CI/CD): for every environment config in config/,
# synthesizes this checkout and the base branch's, and writes one Markdown comment holding
# each environment's report, replacement risks measured against the base's synth.
#   scripts/pr-report.sh <base ref> <output folder>
# Writes <output folder>/<config name>/cdktf.out (with plan-report.md inside) and
# <output folder>/comment.md. Needs no cloud credentials.
set -euo pipefail
base_ref="$1"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
root="$(pwd)"
export CHECKPOINT_DISABLE=1

base="$(mktemp -d)/base"
git worktree add --quiet --detach "$base" "$base_ref"
trap 'git -C "$root" worktree remove --force "$base"' EXIT
# The base's packages: the same as ours when its lockfile is, else its own install.
if git diff --quiet "$base_ref" HEAD -- package-lock.json; then
  ln -s "$root/node_modules" "$base/node_modules"
else
  (cd "$base" && npm ci --no-audit --no-fund --silent)
fi

marker="<!-- psc-hybrid plan report -->"
{
  echo "$marker"
  echo "# Plan reports"
  echo
  echo "Commit $(git rev-parse --short HEAD) against \`$base_ref\` ($(git rev-parse --short "$base_ref"))."
} >"$out/comment.md"

status=0
for config in config/*.yaml; do
  name="$(basename "$config" .yaml)"
  head_out="$out/$name/cdktf.out"
  mkdir -p "$out/$name"
  # The base's synth of the same config file, when the base has it: the baseline. A new environment has none.
  baseline=()
  if [ -f "$base/$config" ]; then
    if (cd "$base" && PSC_CONFIG="$config" CDKTF_OUTDIR="$out/$name/base.out" node app.js >"$out/$name.base.log" 2>&1); then
      baseline=(PSC_REPORT_BASELINE="$out/$name/base.out")
    else
      echo "base synth of $config failed (see $name.base.log): its report has no baseline" >&2
    fi
  fi
  if env PSC_CONFIG="$config" CDKTF_OUTDIR="$head_out" PSC_REPORT="$head_out/plan-report.md" "${baseline[@]}" node app.js >"$out/$name.log" 2>&1; then
    { echo; echo "<details><summary><b>$config</b></summary>"; echo; sed 's/^#/##/' "$head_out/plan-report.md"; echo; echo "</details>"; } >>"$out/comment.md"
  else
    status=1
    { echo; echo "**$config: synth failed**"; echo; echo '```'; tail -n 40 "$out/$name.log"; echo '```'; } >>"$out/comment.md"
  fi
done
exit "$status"
