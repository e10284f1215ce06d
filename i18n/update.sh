#!/bin/sh
# update.sh: regenerates the templates (mamori.pot from the C sources with xgettext,
# mamori-rules.pot from rules/ and checker/data/standards.json) and merges them into each
# language's catalog with msgmerge; then translate the new or fuzzy entries (glossary.tsv).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"
find checker -name '*.c' | LC_ALL=C sort | xargs xgettext --from-code=UTF-8 --language=C \
    --keyword=_ --keyword=N_ --keyword=mm_tr --keyword=mm_cli_fail:2 --keyword=mm_err_set:6 \
    --keyword=mm_file_notice:5 --keyword=mm_gitscan_notice:5 --keyword=mm_gitscan_notice_more:5 \
    --keyword=notice:5 --keyword=mm_ntr:1,2 \
    --add-comments=TRANSLATORS --no-wrap --sort-by-file --package-name=mamori \
    -o "$here/mamori.pot"
python3 "$here/rules_pot.py" "$root" > "$here/mamori-rules.pot"
for dir in "$here"/*/; do
    for domain in mamori mamori-rules; do
        po="$dir$domain.po"
        if [ -f "$po" ]; then
            msgmerge --quiet --update --backup=none --no-wrap "$po" "$here/$domain.pot"
        else
            msginit --no-translator --no-wrap --locale="$(basename "$dir")" \
                --input="$here/$domain.pot" --output-file="$po"
        fi
    done
done
