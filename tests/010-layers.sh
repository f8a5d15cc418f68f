#!/bin/sh
# 010-layers: the layering the README's map promises — SQL only in the
# store layer, no include cycles, no upward includes (tests/helpers/layers.py).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
python3 "$SRCDIR/tests/helpers/layers.py" "$SRCDIR/src"
