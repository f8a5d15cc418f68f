#!/bin/sh
# 124-import-amounts-dates: the plain spellings of amounts ("1871.16",
# "1871.5", "1871": up to 15 digits, at most two decimals) are read by a
# fast path and every other spelling by kh_fen_parse; both must give the
# same fen, and refuse the same things.  A date column remembers its last
# text and day: a different spelling of the same day, or a bad date after
# a good one, is still read on its own.
. "${KAOHE_TEST_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

run "$KAOHE" init
expect_rc 0 "init"
{
	echo "contract,claim_id,insured_id,channel,received_date,paid_date,eligible_amount,paid_amount"
	# claim, received, paid, eligible, paid_amount (hand-worked fen in the checks)
	echo "h,C01,P,direct,2024-03-01,2024-03-01,1871.16,0"
	echo "h,C02,P,direct,2024-03-01,2024-03-05,1871.5,0.01"
	echo "h,C03,P,direct,2024-03-01,2024-03-05,1871,0.1"
	echo "h,C04,P,direct,20240301,2024-03-05,007.50,0"
	echo "h,C05,P,direct,2024/03/01,2024-03-05,999999999999999.99,1"
	echo "h,C06,P,direct,2024-03-01,2024-03-05,1234567890123456,2"
	echo "h,C07,P,direct,2024-03-01,2024-03-05,5.,3"
	echo "h,C08,P,direct,2024-03-01,2024-03-05,.5,4"
	echo "h,C09,P,direct,2024-03-01,2024-03-05,\"1,871.16\",5"
	echo "h,C10,P,direct,2024-03-01,2024-03-05, 12.30 ,6"
	echo "h,C11,P,direct,2024-03-01,2024-03-05,+12.3,7"
	echo "h,C12,P,direct,2024-03-01,2024-03-05,0,8"
} >ok.csv
run "$KAOHE" import settlements ok.csv
expect_rc 0 "amounts in every accepted spelling"
is "$(sql "SELECT claim_id || ':' || eligible_amount || ':' || paid_amount FROM settlements ORDER BY claim_id" | tr '\n' ' ')" \
	"C01:187116:0 C02:187150:1 C03:187100:10 C04:750:0 C05:99999999999999999:100 C06:123456789012345600:200 C07:500:300 C08:50:400 C09:187116:500 C10:1230:600 C11:1230:700 C12:0:800 " \
	"fen: 1871.16 = 187116, 1871.5 = 187150, 1871 = 187100, 007.50 = 750, 15 digits .99, 16 digits, '5.', '.5', grouped, spaced, signed"
is "$(sql "SELECT DISTINCT received_date FROM settlements")" "2024-03-01" \
	"20240301 and 2024/03/01 between 2024-03-01 rows are the same day"

for bad in "1871.161" "1.2.3" "-5" "12a" "1e3" "99999999999999999999"; do
	{
		echo "contract,claim_id,insured_id,channel,received_date,paid_amount"
		echo "h,X1,P,direct,2024-03-01,1.00"
		echo "h,X2,P,direct,2024-03-01,$bad"
	} >bad.csv
	run "$KAOHE" import settlements bad.csv
	expect_rc 65 "paid_amount '$bad' is refused"
done
is "$(sql "SELECT count(*) FROM settlements WHERE claim_id LIKE 'X%'")" "0" "nothing of them stored"

# A bad date after the same text, good, in the rows before: still bad.
{
	echo "contract,claim_id,insured_id,channel,received_date,paid_amount"
	echo "h,D1,P,direct,2024-02-28,1"
	echo "h,D2,P,direct,2024-02-28,1"
	echo "h,D3,P,direct,2024-02-30,1"
	echo "h,D4,P,direct,2024-02-28,1"
} >dates.csv
run "$KAOHE" import settlements dates.csv
expect_rc 65 "2024-02-30 after 2024-02-28 is refused"
expect_err "dates.csv:4:5: " "at its line and column"
done_testing
