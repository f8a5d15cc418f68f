#!/bin/sh
# 477-fund-identity: every fund statement balances, and says so on its
# last line.  The identity (settle.h, kh_fund_balance) is checked here
# from the statement's own lines (money-lib.sh `balanced`):
#   F + from elsewhere = claims + reserve left + insurer's net
#                        + to the fiscal account / returned
#                        + deposit or profit withheld + damages
#
# Henan (001 第二十二–二十四条), the shipped template; F = 120,000,000 +
# 80,000,000 = 200,000,000.00; the purchaser withholds the reserve 5% =
# 10,000,000.00; the deposit 3% = 6,000,000.00 is the insurer's, held; M =
# F − reserve − claims; cap 3% of F = 6,000,000.00.  The template's grade
# bands are defaults: the deposit is held, never forfeited (net = kept).
#   claims          M               kept        fiscal        net       balance (right side)
#   170,000,000.00  20,000,000.00   6,000,000   14,000,000    6,000,000 170 + 10 + 6 + 14          = 200
#   184,000,000.00   6,000,000.00   6,000,000            0    6,000,000 184 + 10 + 6               = 200  (at the cap)
#   183,999,999.99   6,000,000.01   6,000,000         0.01    6,000,000 183,999,999.99 + 10,000,000
#                                                                       + 6,000,000 + 0.01         = 200  (a fen over)
#   190,000,000.00   0.00           0                    0    0         190 + 10                   = 200  (95% of F)
#   195,000,000.00  −5,000,000.00 loss: non-policy, insurer bears 5,000,000.00 (the rule before
#                   issue 14 saw a margin of 5,000,000.00 here); reserve left 10,000,000.00;
#                   net −5,000,000.00;                                  195 + 10 − 5               = 200
#                   policy: the insurer bears min(5,000,000, 6,000,000) = 5,000,000.00, the
#                   reserve is not touched;                              195 + 10 − 5               = 200
#   200,000,000.00  −10,000,000.00 policy: insurer 6,000,000.00, reserve 4,000,000.00, reserve
#                   left 6,000,000.00, nothing beyond;                   200 + 6 − 6                = 200
#   220,000,000.00  −30,000,000.00 policy: insurer 6,000,000.00, reserve 10,000,000.00,
#                   14,000,000.00 beyond (next year's funding);          220 + 0 − 6 = 214 = 200 + 14
#   170,000,000.00 with --grade 不合格 (return share 0%, a template default, marked): deposit
#                   withheld 6,000,000.00, net 0.00;                     170 + 10 + 0 + 14 + 6      = 200
#
# Zhengzhou (000 第十八条), the shipped template; F = 130 × 1,000,000 =
# 130,000,000.00; cap 3.86% = 5,018,000.00; no staff on the roster here.
#   claims 120,000,000.00: M 10,000,000.00, kept 5,018,000.00, returned
#     4,982,000.00;                                  120 + 5.018 + 4.982 = 130
#   --terminated: damages 5% × F = 6,500,000.00, net −1,482,000.00;
#                                                    120 − 1.482 + 4.982 + 6.5 = 130
#   claims 140,000,000.00, non-policy: net −10,000,000.00;   140 − 10 = 130
#   policy: insurer 5,018,000.00, 4,982,000.00 from elsewhere;
#                                                    140 − 5.018 = 134.982 = 130 + 4.982
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"
. "$TESTDATA/money/money-lib.sh"

n=0
# fresh CONTRACT: a new database with that template.
fresh() {
	n=$((n + 1))
	KAOHE_DB=$WORK/db$n.db
	export KAOHE_DB
	money_setup "$1"
}
# henan CLAIMS [ARGS...]: settle Henan 2024 with F = 200,000,000.00 and
# these claims (yuan).
henan() {
	claims=$1
	shift
	fresh henan-dbbx-2024
	printf 'date,kind,amount,note\n2024-03-31,funds-received,120000000,\n2024-09-30,funds-received,80000000,\n2024-12-31,claims-paid,%s,\n' \
		"$claims" >"$WORK/fin.csv"
	load finance "$WORK/fin.csv" henan-dbbx-2024
	settle_xml --contract henan-dbbx-2024 --year 2024 "$@"
}

henan 170000000
expect_rc 0 "Henan, claims 170,000,000.00"
is "$(line margin)" "20000000.00" "M = 200 − 10 − 170 = 20,000,000.00"
is "$(line kept)" "6000000.00" "kept the cap 6,000,000.00"
is "$(line surplus-to-fiscal)" "14000000.00" "14,000,000.00 to the fiscal account"
is "$(line deposit-held)" "6000000.00" "the deposit held until the assessment"
is "$(fees due)" "6000000.00" "net 6,000,000.00"
is "$(line balance)" "200000000.00" "the balance line carries F"
balanced "claims 170,000,000.00 balances"

henan 184000000
is "$(line margin)" "6000000.00" "at the cap: M = 6,000,000.00"
is "$(line kept)" "6000000.00" "all kept"
is "$(line surplus-to-fiscal)" "0.00" "nothing over"
balanced "at the cap balances"

henan 183999999.99
is "$(line margin)" "6000000.01" "a fen over: M = 6,000,000.01"
is "$(line surplus-to-fiscal)" "0.01" "the fen goes to the fiscal account"
is "$(line kept)" "6000000.00" "kept the cap"
balanced "a fen over balances"

henan 190000000
is "$(line margin)" "0.00" "claims at 95% of F: M = 0"
is "$(line kept)" "0.00" "nothing kept"
is "$(nlines loss)" "0" "no loss"
balanced "M = 0 balances"

henan 195000000
is "$(line margin)" "-5000000.00" "claims at 97.5% of F: a loss, not a margin"
is "$(line insurer-loss)" "5000000.00" "non-policy: the insurer bears 5,000,000.00"
is "$(line reserve-left)" "10000000.00" "the reserve stays"
is "$(fees due)" "-5000000.00" "net −5,000,000.00"
balanced "a non-policy loss balances"
henan 195000000 --loss policy
is "$(line insurer-loss)" "5000000.00" "policy: within 3% of F, the insurer bears it"
is "$(nlines reserve-used)" "0" "the reserve is not touched"
balanced "a policy loss within the cap balances"

henan 200000000 --loss policy
is "$(line insurer-loss)" "6000000.00" "policy: the insurer bears 3% of F"
is "$(line reserve-used)" "4000000.00" "the reserve covers 4,000,000.00"
is "$(line loss-beyond-reserve)" "0.00" "nothing beyond the reserve"
is "$(line reserve-left)" "6000000.00" "6,000,000.00 of the reserve left"
balanced "a policy loss within the reserve balances"

henan 220000000 --loss policy
is "$(line reserve-used)" "10000000.00" "the reserve used up"
is "$(line loss-beyond-reserve)" "14000000.00" "14,000,000.00 beyond, to next year's funding"
is "$(line balance)" "214000000.00" "balance: F + 14,000,000.00"
balanced "a policy loss beyond the reserve balances"

henan 170000000 --grade 不合格
is "$(line deposit-withheld)" "6000000.00" "grade given 不合格: deposit withheld"
is "$(fees due)" "0.00" "net 6,000,000 − 6,000,000 = 0.00"
balanced "a forfeited deposit balances"

run "$KAOHE" settle --contract henan-dbbx-2024 --year 2024
last=$(tail -n 1 "$WORK/out")
case $last in 平衡校验:*相符) r=0 ;; *) r=1 ;; esac
ok $r "the text statement's last line is the balance"
expect_out '风险调节金余额 10,000,000\.00' "the balance names the reserve kept by the purchaser"

# Zhengzhou
zz() {
	fresh zhengzhou-dae-2025
	printf 'date,unit,insured\n2025-01-01,,1000000\n' >"$WORK/pop.csv"
	printf 'date,kind,amount,note\n2025-12-31,claims-paid,%s,\n' "$1" >"$WORK/fin.csv"
	load population "$WORK/pop.csv" zhengzhou-dae-2025
	load finance "$WORK/fin.csv" zhengzhou-dae-2025
	shift
	settle_xml --contract zhengzhou-dae-2025 --year 2025 "$@"
}
zz 120000000
is "$(line kept)" "5018000.00" "Zhengzhou kept 5,018,000.00"
is "$(line returned)" "4982000.00" "returned 4,982,000.00"
balanced "Zhengzhou balances"
zz 120000000 --terminated
is "$(fees due)" "-1482000.00" "terminated: net −1,482,000.00"
balanced "with damages balances"
zz 140000000
is "$(fees due)" "-10000000.00" "a non-policy loss: net −10,000,000.00"
balanced "a non-policy loss balances"
zz 140000000 --loss policy
is "$(line loss-other)" "4982000.00" "policy: 4,982,000.00 from elsewhere"
is "$(line balance)" "134982000.00" "balance: F + 4,982,000.00"
balanced "a policy loss balances"

done_testing
