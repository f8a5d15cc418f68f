#!/bin/sh
# run-fuzz.sh: what `make fuzz` runs — every corpus under
# tests/fuzz/corpus/ (csv, import-KIND, contract, ...) fuzzed by its
# libFuzzer harness (tests/fuzz/fuzz-NAME, the part of the corpus name
# before the first '-') for FUZZ_SECONDS each, one after the other.
# New inputs go to fuzz-out/NAME/corpus (the committed corpus is only read),
# findings to fuzz-out/NAME/ (crash-*, leak-*, timeout-*, oom-*).  Prints
# one line per corpus with the executions run, and exits 1 when anything
# was found.  FUZZ_ONLY="ics csv" limits the corpora.
# Usage: run-fuzz.sh SRCDIR BUILDDIR SECONDS
set -u
srcdir=$1 builddir=$2 seconds=$3
out=$builddir/fuzz-out
mkdir -p "$out"
found=0
summary=$out/SUMMARY
: >"$summary"
for dir in "$srcdir"/tests/fuzz/corpus/*/; do
	name=$(basename "$dir")
	if [ -n "${FUZZ_ONLY:-}" ]; then
		case " $FUZZ_ONLY " in *" $name "*|*" ${name%%-*} "*) ;; *) continue ;; esac
	fi
	harness=$builddir/tests/fuzz/fuzz-${name%%-*}
	dict=$srcdir/tests/fuzz/dict/${name%%-*}.dict
	mkdir -p "$out/$name/corpus"
	set -- -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
		-close_fd_mask=2 -print_final_stats=1 -artifact_prefix="$out/$name/"
	[ -f "$dict" ] && set -- "$@" -dict="$dict"
	before=$(ls "$out/$name" | grep -cE '^(crash|leak|timeout|oom|slow-unit)-')
	echo "fuzz: $name for $seconds s ..."
	KAOHE_FUZZ_CORPUS=$name KAOHE_LANG=en "$harness" "$@" \
		"$out/$name/corpus" "$dir" >"$out/$name/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name/log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$out/$name/log" | tail -n 1)
	artifacts=$(($(ls "$out/$name" | grep -cE '^(crash|leak|timeout|oom|slow-unit)-') - before))
	line="$name: ${execs:-?} executions in $seconds s, ${cov:-cov: ?}, exit $rc, $artifacts finding(s)"
	echo "$line" | tee -a "$summary"
	if [ "$rc" -ne 0 ] || [ "$artifacts" -ne 0 ]; then
		found=1
		echo "  see $out/$name/log"
	fi
done
echo "summary in $summary"
exit $found
