/* cmd-due.c: `kaohe due` — the duties calendar of a contract at an as-of
 * day (app/due.c, domain/duties.c): every dated duty of both parties with
 * its clause and status, as a table, XML or an HTML page
 * (templates/due.xsl).  Option handling and printing only. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "due.h"
#include "msg.h"
#include "options.h"
#include "outfile.h"
#include "render.h"
#include "words.h"

static const struct kh_opt due_opts[] = {
	{ "contract", 0, "ID", KH_OPT_REQUIRED, "合同编号", "the contract" },
	{ "as-of", 0, "D", 0, "判定日（YYYY-MM-DD），默认今天（$KAOHE_NOW）",
	  "the day duties are judged on (YYYY-MM-DD);\ndefault today ($KAOHE_NOW)" },
	{ "format", 0, "text|xml|html", 0,
	  "text（默认，表格）、xml 或 html（单文件网页，A4 打印）",
	  "text (default, a table), xml, or html (one page,\nprints on A4)" },
	{ "output", 'o', "PATH", 0, "输出文件，默认标准输出", "the output file; default stdout" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec due_spec = {
	.name = "due", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"列出合同期内双方每一项有期限的义务，注明条款、到期日（按合同的顺延\n"
	"规则和工作日历）、完成日和状态：已完成、逾期、待办（已产生、未到期）、\n"
	"未到期（尚未产生）。包括：报表报送、整改期限、资金拨付申请与拨付、\n"
	"到账回执（2 个工作日）、偿付能力 C 类评级报告、解除通知后的退款期限、\n"
	"到期前一个月的续签协商。",
	.about_en =
	"Every dated duty of both parties over the contract's term, with its\n"
	"clause, due day (by the contract's rollover rule and the work\n"
	"calendar), the day it was done and its status: done, late, open (arisen,\n"
	"not yet due) or not due (not yet arisen).  Reports, rectification\n"
	"deadlines, fund requests and payments, receipts (2 working days), the\n"
	"solvency C-rating report, the refund window after a termination notice\n"
	"and renewal talks a month before the term ends.",
	.opts = due_opts,
	.notes_zh =
	"条款未给出具体期限之处（“月初”“及时”）采用模板的解读，标注“默认”。\n"
	"详见 man kaohe-due。\n"
	"\n"
	"退出码：0 成功（逾期也是结果）；64 用法错误；65 数据有误（如工作日历缺少\n"
	"所需年份）；66 找不到合同或数据库；73 无法创建输出；74 写入错误。",
	.notes_en =
	"Where a clause names no day (\"early in the month\", \"promptly\") the\n"
	"template's reading is used and marked default.  See man kaohe-due.\n"
	"\n"
	"Exit status: 0 done (late duties are a result); 64 usage; 65 bad data\n"
	"(e.g. a calendar year missing); 66 contract or database not found;\n"
	"73 cannot create the output; 74 write error.",
};

static void cell_day(FILE *fp, kh_day d)
{
	char buf[KH_DAY_BUFSZ];
	fprintf(fp, "%-12s", d == KH_DAY_NONE ? "—" : kh_day_format(d, buf));
}

static void print_text(const struct kh_due *due, FILE *fp)
{
	const struct kh_contract *c = due->contract;
	char as_of[KH_DAY_BUFSZ];
	fprintf(fp, "%s %s — %s %s\n", c->id, c->title, kh_tr("判定日", "as of"),
	        kh_day_format(due->as_of, as_of));
	fprintf(fp, "%s：%s；%s：%s\n", kh_tr("甲方", "purchaser"), c->purchaser,
	        kh_tr("乙方", "insurer"), c->insurer);
	long counts[4] = { 0, 0, 0, 0 };
	for (size_t i = 0; i < due->duties.count; i++) {
		const struct kh_duty *d = &due->duties.rows[i];
		counts[d->status]++;
		cell_day(fp, d->due);
		fprintf(fp, "%s\t%s\t%s\t%s", kh_word_or_code("duty-status", kh_duty_status_code(d->status)),
		        kh_word_or_code("party", kh_duty_party_code(d->party)),
		        *d->clause ? d->clause : "—", d->text);
		if (d->done != KH_DAY_NONE) {
			char done[KH_DAY_BUFSZ];
			fprintf(fp, "\t%s %s", kh_tr("完成", "done"), kh_day_format(d->done, done));
		}
		if (d->is_default)
			fprintf(fp, "\t%s", kh_tr("（期限为模板默认）", "(deadline: template default)"));
		fputc('\n', fp);
	}
	if (kh_lang == KH_LANG_EN)
		fprintf(fp, "%zu duties: %ld done, %ld late, %ld open, %ld not due\n",
		        due->duties.count, counts[KH_DUTY_DONE], counts[KH_DUTY_LATE],
		        counts[KH_DUTY_OPEN], counts[KH_DUTY_NOT_DUE]);
	else
		fprintf(fp, "共 %zu 项：已完成 %ld，逾期 %ld，待办 %ld，未到期 %ld\n",
		        due->duties.count, counts[KH_DUTY_DONE], counts[KH_DUTY_LATE],
	        counts[KH_DUTY_OPEN], counts[KH_DUTY_NOT_DUE]);
}

static int write_text(const struct kh_due *due, const char *path)
{
	struct kh_outfile out;
	int rc = kh_outfile_open(&out, path, 0);
	if (rc)
		return rc;
	print_text(due, out.fp);
	return kh_outfile_commit(&out);
}

static int run_due(const struct kh_args *args, struct kh_ctx *ctx)
{
	const char *format = kh_arg(args, "format") ? kh_arg(args, "format") : "text";
	const char *output = kh_arg(args, "output") ? kh_arg(args, "output") : "-";
	if (strcmp(format, "text") && strcmp(format, "xml") && strcmp(format, "html"))
		return kh_usage("due", "%s: '%s'", kh_tr("未知格式", "unknown format"), format);
	kh_day as_of;
	const char *as_of_text = kh_arg(args, "as-of");
	if (as_of_text) {
		if (kh_day_parse(as_of_text, &as_of) != 0)
			return kh_usage("due", "%s: '%s'", kh_tr("日期无效", "invalid date"),
			                as_of_text);
	} else {
		kh_time now;
		if (kh_time_now(&now) != 0)
			return kh_usage("due", "KAOHE_NOW: %s",
			                kh_tr("不是有效的日期时间", "not a valid datetime"));
		as_of = kh_time_day(now);
	}
	struct kh_due due;
	struct kh_err err = { 0 };
	if (kh_due_load(ctx->store, kh_arg(args, "contract"), as_of, &due, &err))
		return kh_err_exit_code(&err);
	int rc;
	if (strcmp(format, "text") == 0) {
		rc = write_text(&due, output);
	} else {
		xmlDocPtr doc = kh_due_xml(&due);
		rc = strcmp(format, "xml") == 0 ? kh_out_write_xml(doc, output)
		                                : kh_render_xslt(doc, "templates/due.xsl", output);
		xmlFreeDoc(doc);
	}
	kh_due_free(&due);
	if (rc == 0 && !kh_outfile_is_stdout(output)) {
		printf("%s: %s\n", kh_tr("已写入", "written"), output);
		rc = kh_stdout_flush();
	}
	return rc ? rc : kh_stdout_flush();
}

/* Reads the store only. */
const struct kh_command_def cmd_due_def = { &due_spec, run_due, KH_CMD_STORE };
