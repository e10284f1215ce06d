#!/bin/bash
# render.sh: the HTML report of examples/ in both languages, rendered in headless Chromium
# (render.js): the six measures on the page, no horizontal overflow at 1280 px nor at A4's
# printable width with print styles, no console error; a screenshot and a PDF of each.
# Skipped, saying so, where chromium is not installed (checker/setup.sh installs it).
# MAMORI_SCREENSHOTS=DIR keeps the screenshots there (how docs/ got its pictures).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || skip "chromium is not installed (checker/setup.sh installs it): the HTML report is not rendered"
command -v node >/dev/null || fail "node is not installed"
export CHROMIUM
scratch
export SOURCE_DATE_EPOCH=1700000000
cp -R "$MAMORI_SRC/examples" "$SCRATCH/examples"
cd "$SCRATCH"
for lang in en ja; do
    run_mamori "$SCRATCH/out" "$SCRATCH/err" report --lang "$lang" --output "report-$lang.html" examples
    check "$lang: report written" [ "$RC" -eq 0 ]
    node --experimental-websocket --no-warnings "$MAMORI_SRC/tests/report/render.js" \
        "report-$lang.html" "$SCRATCH/report-$lang"
    check "$lang: renders in Chromium without overflow or console errors" [ "$?" -eq 0 ]
    check "$lang: screenshot" [ -s "$SCRATCH/report-$lang-1280.png" ]
    check "$lang: A4 PDF" bash -c "head -c 5 '$SCRATCH/report-$lang.pdf' | grep -q '%PDF-'"
    if [ -n "${MAMORI_SCREENSHOTS:-}" ]; then
        cp "$SCRATCH/report-$lang-1280.png" "$MAMORI_SCREENSHOTS/report-$lang.png"
    fi
done
finish
