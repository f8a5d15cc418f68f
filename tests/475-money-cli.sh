#!/bin/sh
# 475-money-cli: `kaohe fees --help` and `kaohe settle --help` in both
# languages, usage errors (64), a contract without the right money model
# (65), an unknown contract (66).
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

run "$KAOHE" fees --help
expect_rc 0 "fees --help exits 0"
expect_out '^用法: kaohe .*fees --contract ID --period P' "fees help in Chinese"
expect_out '--breach N' "fees help lists --breach"
run "$KAOHE" fees --help --lang en
expect_out '^usage: kaohe .*fees' "fees help in English"
run "$KAOHE" settle --help
expect_rc 0 "settle --help exits 0"
expect_out '^用法: kaohe .*settle --contract ID --year Y' "settle help in Chinese"
expect_out '--loss policy' "settle help lists --loss"
expect_out '--grade NAME' "settle help lists --grade"
grep -q -- '--late-days' "$WORK/out"; [ $? -ne 0 ]; ok $? "and no --late-days (late days come from the facts)"
run "$KAOHE" --lang en settle --help
expect_out '^usage: kaohe .*settle' "settle help in English"

money_setup luoyang-zgyb-2024 zhengzhou-dae-2025
run "$KAOHE" fees --period 2024
expect_rc 64 "fees without --contract"
run "$KAOHE" fees --contract luoyang-zgyb-2024 --period 2024X
expect_rc 64 "fees with a bad period"
run "$KAOHE" fees --contract luoyang-zgyb-2024 --period 2024 --format pdf
expect_rc 64 "fees with a bad format"
run "$KAOHE" fees --contract luoyang-zgyb-2024 --period 2024 --breach -1
expect_rc 64 "fees with a bad breach count"
run "$KAOHE" settle --contract zhengzhou-dae-2025
expect_rc 64 "settle without --year"
run "$KAOHE" settle --contract zhengzhou-dae-2025 --year 2025 --loss maybe
expect_rc 64 "settle --loss takes policy or non-policy"
expect_err 'policy' "the error names the choices"
run "$KAOHE" settle --contract zhengzhou-dae-2025 --year 2025Q1
expect_rc 64 "settle needs a year"
run "$KAOHE" settle --contract zhengzhou-dae-2025 --year 2025 --late-days 7
expect_rc 64 "--late-days is gone: a late refund is counted from recorded facts"
run "$KAOHE" settle --contract zhengzhou-dae-2025 --year 2025 --grade 甲等
expect_rc 64 "settle --grade takes one of the contract's grades"
expect_err '优秀、良好、合格、不合格' "the error lists them"
run "$KAOHE" settle --contract luoyang-zgyb-2024 --year 2024
expect_rc 65 "settle on a service-fee contract"
expect_err 'kaohe fees' "and points to kaohe fees"
run "$KAOHE" fees --contract nosuch --period 2024
expect_rc 66 "unknown contract"
run "$KAOHE" settle --contract zhengzhou-dae-2025 --year 2025
expect_rc 0 "settle without records exits 0"
expect_out '没有当年的资金到账财务记录' "and says the funds are missing"

done_testing
