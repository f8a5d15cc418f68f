/* cmd-calendar.c: `kaohe calendar` — ask the work calendar (is-workday,
 * add, between, rollover, list, years) and load it (import, update).
 * Parses, validates, calls calendar.h and prints one plain line per answer;
 * no calendar rules here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "calendar-load.h"
#include "cmdutil.h"
#include "msg.h"
#include "options.h"
#include "store-calendar.h"

static const struct kh_opt calendar_opts[] = {
	{ "rule", 0, "next-workday|holidays-only", 0,
	  "rollover 的顺延规则，默认 next-workday",
	  "with rollover: the rule (default next-workday)" },
	{ "url", 0, "URL", 0, "update 下载的 .ics 地址", "with update: the .ics feed to fetch" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec calendar_spec = {
	.name = "calendar", .operands = "SUBCOMMAND [ARG...]",
	.min_operands = 0, .max_operands = -1,
	.forms_zh =
	"kaohe calendar is-workday 日期\n"
	"kaohe calendar is-holiday 日期\n"
	"kaohe calendar add 日期 N\n"
	"kaohe calendar between 日期A 日期B\n"
	"kaohe calendar rollover 日期 [--rule next-workday|holidays-only]\n"
	"kaohe calendar list 年份\n"
	"kaohe calendar years\n"
	"kaohe calendar import 文件\n"
	"kaohe calendar update --url 地址",
	.forms_en =
	"kaohe calendar is-workday DATE\n"
	"kaohe calendar is-holiday DATE\n"
	"kaohe calendar add DATE N\n"
	"kaohe calendar between DATE-A DATE-B\n"
	"kaohe calendar rollover DATE [--rule next-workday|holidays-only]\n"
	"kaohe calendar list YEAR\n"
	"kaohe calendar years\n"
	"kaohe calendar import FILE\n"
	"kaohe calendar update --url URL",
	.about_zh =
	"中国法定工作日历：周六、周日休息，国务院调休上班的周末除外；法定节假日休息。\n"
	"  is-workday  是否工作日，输出 yes 或 no\n"
	"  is-holiday  是否法定节假日（含假期中的周末），输出 yes 或 no\n"
	"  add         日期之后第 N 个工作日（当日不计入，民法典第二百零一条）\n"
	"  between     (A, B] 之间的工作日数\n"
	"  rollover    到期日顺延：当日为工作日则不变，否则顺延（民法典第二百零三条）；\n"
	"              --rule holidays-only 只在法定节假日顺延，默认 next-workday\n"
	"  list        列出某年的法定节假日和调休上班日（日期 类型 名称）\n"
	"  years       列出已载入的年份及来源\n"
	"  import      从文件导入年份（本项目的 .txt 格式或 iCalendar .ics），整年替换\n"
	"  update      用 libcurl 下载 .ics 节假日订阅并导入（校验 TLS 证书）\n"
	"日期可写作 2024-03-05、2024/03/05 或 20240305。\n"
	"不在已载入日历中的年份是错误（退出码 65），不会猜测。",
	.about_en =
	"The Chinese official work calendar: Saturdays and Sundays are rest days\n"
	"except the weekend days adjusted into work (调休); official holidays are\n"
	"rest days.\n"
	"  is-workday  is DATE a working day: prints yes or no\n"
	"  is-holiday  is DATE an official holiday (weekends inside a holiday\n"
	"              block included): prints yes or no\n"
	"  add         the Nth working day after DATE (DATE itself not counted,\n"
	"              Civil Code art. 201)\n"
	"  between     the number of working days in (A, B]\n"
	"  rollover    DATE if it is a working day, else the next one (Civil Code\n"
	"              art. 203); --rule holidays-only moves only off official\n"
	"              holidays; the default is next-workday\n"
	"  list        a year's holidays and adjusted working days (DATE KIND NAME)\n"
	"  years       the loaded years and where each came from\n"
	"  import      load years from a file (the shipped .txt format or an\n"
	"              iCalendar .ics feed); each year is replaced whole\n"
	"  update      fetch an .ics holiday feed with libcurl (TLS verified) and\n"
	"              import it\n"
	"Dates: 2024-03-05, 2024/03/05 or 20240305.\n"
	"A year outside the loaded calendar is an error (exit 65), never a guess.",
	.opts = calendar_opts,
	.notes_zh = "详见 man kaohe-calendar。",
	.notes_en = "See man kaohe-calendar.",
};

struct calendar_args {
	const char *rule;
	const char *url;
	int argc;           /* positional arguments after the subcommand */
	char **argv;
};

static int need_args(const char *sub, const struct calendar_args *a, int want)
{
	if (a->argc == want)
		return 0;
	return kh_usage("calendar", "%s %s: %s %d %s", "calendar", sub,
	                kh_tr("需要", "needs"), want, kh_tr("个参数", "argument(s)"));
}

static int parse_date(const char *text, kh_day *out)
{
	if (kh_day_parse(text, out) == 0)
		return 0;
	return kh_usage("calendar", "%s: '%s'", kh_tr("日期无效", "invalid date"), text);
}

static int missing_year(const struct kh_calendar *cal)
{
	int first, last, year = kh_calendar_missing_year(cal);
	kh_calendar_years(cal, &first, &last);
	if (kh_lang == KH_LANG_EN && first == 0)
		kh_error("the calendar has no year %d (no year is loaded)", year);
	else if (kh_lang == KH_LANG_EN)
		kh_error("the calendar has no year %d (loaded: %d-%d)", year, first, last);
	else if (first == 0)
		kh_error("日历中没有 %d 年（尚未载入任何年份）", year);
	else
		kh_error("日历中没有 %d 年（已载入 %d–%d 年）", year, first, last);
	return EX_DATAERR;
}

static int print_day(kh_day d)
{
	char buf[KH_DAY_BUFSZ];
	printf("%s\n", kh_day_format(d, buf));
	return kh_stdout_flush();
}

/* The questions that need the calendar in memory. */
static int run_query(const char *sub, const struct calendar_args *a,
                     const struct kh_calendar *cal)
{
	kh_day d, b;
	int rc, answer;
	if (strcmp(sub, "is-workday") == 0 || strcmp(sub, "is-holiday") == 0) {
		if ((rc = need_args(sub, a, 1)) || (rc = parse_date(a->argv[0], &d)))
			return rc;
		answer = sub[3] == 'w' ? kh_calendar_is_workday(cal, d)
		                       : kh_calendar_is_holiday(cal, d);
		if (answer < 0)
			return missing_year(cal);
		printf("%s\n", answer ? "yes" : "no");
		return kh_stdout_flush();
	}
	if (strcmp(sub, "add") == 0) {
		char *end;
		if ((rc = need_args(sub, a, 2)) || (rc = parse_date(a->argv[0], &d)))
			return rc;
		long n = strtol(a->argv[1], &end, 10);
		if (*a->argv[1] == '\0' || *end || n < 1 || n > 100000)
			return kh_usage("calendar", "%s: '%s'", kh_tr(
			        "N 须为 1 至 100000 的整数", "N must be an integer from 1 to 100000"),
			        a->argv[1]);
		if (kh_calendar_add_workdays(cal, d, (int)n, &b))
			return missing_year(cal);
		return print_day(b);
	}
	if (strcmp(sub, "between") == 0) {
		if ((rc = need_args(sub, a, 2)) || (rc = parse_date(a->argv[0], &d)) ||
		    (rc = parse_date(a->argv[1], &b)))
			return rc;
		if (kh_calendar_workdays_between(cal, d, b, &answer))
			return missing_year(cal);
		printf("%d\n", answer);
		return kh_stdout_flush();
	}
	/* rollover */
	enum kh_rollover rule = KH_ROLLOVER_NEXT_WORKDAY;
	if (a->rule && kh_rollover_parse(a->rule, &rule))
		return kh_usage("calendar", "%s: '%s'", kh_tr("未知的顺延规则",
		                "unknown rollover rule"), a->rule);
	if ((rc = need_args(sub, a, 1)) || (rc = parse_date(a->argv[0], &d)))
		return rc;
	if (kh_calendar_rollover(cal, d, rule, &b))
		return missing_year(cal);
	return print_day(b);
}

static int run_list(struct kh_store *store, const struct calendar_args *a)
{
	int rc = need_args("list", a, 1);
	if (rc)
		return rc;
	char *end;
	long year = strtol(a->argv[0], &end, 10);
	if (*end || end == a->argv[0] || year < 1900 || year > 2199)
		return kh_usage("calendar", "%s: '%s'", kh_tr("年份无效", "invalid year"),
		                a->argv[0]);
	struct kh_calendar_year_info info;
	struct kh_err err = { 0 };
	if (kh_store_calendar_year_get(store, (int)year, &info, &err))
		return kh_err_exit_code(&err);
	for (size_t i = 0; i < info.count; i++) {
		char buf[KH_DAY_BUFSZ];
		printf("%s %s %s\n", kh_day_format(info.days[i].day, buf),
		       info.days[i].workday ? "workday" : "holiday",
		       info.days[i].name ? info.days[i].name : "");
	}
	kh_calendar_year_info_free(&info);
	return kh_stdout_flush();
}

static int run_years(struct kh_store *store, const struct calendar_args *a)
{
	struct kh_calendar_year_info *years;
	size_t count;
	struct kh_err err = { 0 };
	int rc = need_args("years", a, 0);
	if (rc)
		return rc;
	if (kh_store_calendar_year_list(store, &years, &count, &err))
		return kh_err_exit_code(&err);
	for (size_t i = 0; i < count; i++) {
		printf("%d\t%d\t%d\t%s\t%s\n", years[i].year, years[i].holidays,
		       years[i].workdays, years[i].source ? years[i].source : "",
		       years[i].notice ? years[i].notice : "");
		kh_calendar_year_info_free(&years[i]);
	}
	free(years);
	return kh_stdout_flush();
}

static int run_import(struct kh_store *store, const char *sub,
                      const struct calendar_args *a)
{
	struct kh_calendar_years done;
	struct kh_err err = { 0 };
	int rc;
	if (strcmp(sub, "import") == 0) {
		if ((rc = need_args(sub, a, 1)))
			return rc;
		rc = kh_calendar_import_file(store, a->argv[0], &done, &err);
	} else {
		if ((rc = need_args(sub, a, 0)))
			return rc;
		if (!a->url)
			return kh_usage("calendar", "%s", kh_tr("update 需要 --url 地址",
			                "update needs --url URL"));
		rc = kh_calendar_import_url(store, a->url, &done, &err);
	}
	if (rc)
		return kh_err_exit_code(&err);
	printf("%s:", kh_tr("已导入年份", "years imported"));
	for (size_t i = 0; i < done.count; i++)
		printf(" %d", done.years[i]);
	printf("\n");
	kh_calendar_years_free(&done);
	return kh_stdout_flush();
}

static int is_query(const char *sub)
{
	static const char *const queries[] = { "is-workday", "is-holiday", "add",
	                                       "between", "rollover", NULL };
	for (int i = 0; queries[i]; i++)
		if (strcmp(sub, queries[i]) == 0)
			return 1;
	return 0;
}

static int run_subcommand(struct kh_ctx *ctx, const char *sub,
                          const struct calendar_args *a)
{
	int known = is_query(sub) || strcmp(sub, "list") == 0 ||
	            strcmp(sub, "years") == 0 || strcmp(sub, "import") == 0 ||
	            strcmp(sub, "update") == 0;
	if (!known)
		return kh_usage("calendar", "%s: '%s'", kh_tr("未知的子命令",
		                "unknown subcommand"), sub);
	if (a->rule && strcmp(sub, "rollover") != 0)
		return kh_usage("calendar", "%s", kh_tr("--rule 只用于 rollover",
		                "--rule goes with rollover only"));
	if (a->url && strcmp(sub, "update") != 0)
		return kh_usage("calendar", "%s", kh_tr("--url 只用于 update",
		                "--url goes with update only"));
	int rc = kh_open_store(ctx, 0);
	if (rc)
		return rc;
	if (is_query(sub)) {
		struct kh_calendar *cal;
		struct kh_err err = { 0 };
		if (kh_calendar_load(ctx->store, &cal, &err)) {
			rc = kh_err_exit_code(&err);
		} else {
			rc = run_query(sub, a, cal);
			kh_calendar_free(cal);
		}
	} else if (strcmp(sub, "list") == 0) {
		rc = run_list(ctx->store, a);
	} else if (strcmp(sub, "years") == 0) {
		rc = run_years(ctx->store, a);
	} else {
		rc = run_import(ctx->store, sub, a);
	}
	kh_close_store(ctx);
	return rc;
}

static int run_calendar(const struct kh_args *args, struct kh_ctx *ctx)
{
	if (args->noperands < 1)
		return kh_usage("calendar", "%s", kh_tr("缺少子命令", "missing subcommand"));
	struct calendar_args a = { kh_arg(args, "rule"), kh_arg(args, "url"),
	                           args->noperands - 1, args->operands + 1 };
	return run_subcommand(ctx, args->operands[0], &a);
}

/* Opens the store itself (kh_open_store) once the subcommand and its
 * options are known to be right; import and update write it. */
const struct kh_command_def cmd_calendar_def = { &calendar_spec, run_calendar,
                                                 KH_CMD_WRITES };
