/* cmd-score.c: `kaohe score` — its options as data, run kh_score_run (which
 * stores the run) and print the scorecard as a table aligned by display
 * width (CJK two columns).  No scoring here; a failing indicator is a
 * result, not an error (exit 0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmdutil.h"
#include "msg.h"
#include "score.h"
#include "options.h"

#define COLUMNS 6

/* Display columns of a UTF-8 string: East Asian wide and fullwidth
 * characters take two. */
static int is_wide(unsigned long cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	       (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int display_width(const char *s)
{
	int width = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned long cp = *p;
		int extra = 0;
		if (cp >= 0xF0) { cp &= 0x07; extra = 3; }
		else if (cp >= 0xE0) { cp &= 0x0F; extra = 2; }
		else if (cp >= 0xC0) { cp &= 0x1F; extra = 1; }
		p++;
		for (; extra > 0 && (*p & 0xC0) == 0x80; extra--, p++)
			cp = (cp << 6) | (*p & 0x3F);
		width += is_wide(cp) ? 2 : 1;
	}
	return width;
}

static void print_cell(const char *text, int width, int last)
{
	fputs(text, stdout);
	if (last)
		return;
	for (int pad = width - display_width(text); pad > 0; pad--)
		putchar(' ');
	fputs("  ", stdout);
}

static char *attr(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	char *copy = kh_xstrdup(v && *v ? (const char *)v : "-");
	xmlFree(v);
	return copy;
}

static const char *status_text(const char *status)
{
	if (strcmp(status, "pass") == 0)
		return kh_tr("达标", "pass");
	if (strcmp(status, "fail") == 0)
		return kh_tr("未达标", "fail");
	return kh_tr("无数据", "n/a");
}

static int is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* One row of cells per indicator, after a heading row. */
static size_t indicator_rows(xmlNodePtr root, char *(**rows)[COLUMNS])
{
	size_t n = 1;
	for (xmlNodePtr i = root->children; i; i = i->next)
		n += is_element(i, "indicator");
	char *(*table)[COLUMNS] = kh_xcalloc(n, sizeof *table);
	const char *heading[COLUMNS] = {
		kh_tr("指标", "indicator"), kh_tr("条款", "clause"), kh_tr("结果", "status"),
		kh_tr("实际值", "value"), kh_tr("目标", "target"), kh_tr("得分", "points") };
	for (int c = 0; c < COLUMNS; c++)
		table[0][c] = kh_xstrdup(heading[c]);
	size_t r = 1;
	for (xmlNodePtr i = root->children; i; i = i->next) {
		if (!is_element(i, "indicator"))
			continue;
		char *status = attr(i, "status"), *awarded = attr(i, "awarded"),
		     *points = attr(i, "points");
		table[r][0] = attr(i, "id");
		table[r][1] = attr(i, "clause");
		table[r][2] = kh_xstrdup(status_text(status));
		table[r][3] = attr(i, "value-text");
		table[r][4] = attr(i, "target-text");
		table[r][5] = kh_xasprintf("%s/%s", awarded, points);
		free(status);
		free(awarded);
		free(points);
		r++;
	}
	*rows = table;
	return n;
}

static void print_indicators(xmlNodePtr root)
{
	char *(*rows)[COLUMNS];
	size_t n = indicator_rows(root, &rows);
	int width[COLUMNS] = { 0 };
	for (size_t r = 0; r < n; r++)
		for (int c = 0; c < COLUMNS; c++) {
			int w = display_width(rows[r][c]);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < n; r++) {
		for (int c = 0; c < COLUMNS; c++) {
			print_cell(rows[r][c], width[c], c == COLUMNS - 1);
			free(rows[r][c]);
		}
		putchar('\n');
	}
	free(rows);
}

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (is_element(n, name))
			return n;
	return NULL;
}

static void print_summary(xmlNodePtr root, long run_id)
{
	xmlNodePtr summary = child(root, "summary");
	char *score = attr(summary, "score"), *max = attr(summary, "max"),
	     *grade = attr(summary, "grade"), *pass = attr(summary, "pass"),
	     *fail = attr(summary, "fail"), *na = attr(summary, "na");
	printf("\n%s: %s / %s  %s: %s  (%s %s, %s %s, %s %s)\n",
	       kh_tr("总分", "total"), score, max, kh_tr("等级", "grade"), grade,
	       kh_tr("达标", "pass"), pass, kh_tr("未达标", "fail"), fail,
	       kh_tr("无数据", "n/a"), na);
	free(score); free(max); free(grade); free(pass); free(fail); free(na);
	xmlNodePtr triggers = child(root, "triggers");
	printf("%s:", kh_tr("触发条款", "triggers"));
	if (!triggers || !child(triggers, "trigger"))
		printf(" %s", kh_tr("无", "none"));
	putchar('\n');
	for (xmlNodePtr t = triggers ? triggers->children : NULL; t; t = t->next) {
		if (!is_element(t, "trigger"))
			continue;
		char *clause = attr(t, "clause"), *action = attr(t, "action"),
		     *ind = attr(t, "indicator"), *text = attr(t, "text");
		printf("  %s  %s  %s  %s\n", clause, action, ind, text);
		free(clause); free(action); free(ind); free(text);
	}
	printf("%s #%ld\n", kh_tr("评分记录已保存", "score run stored"), run_id);
}

static const struct kh_opt score_opts[] = {
	{ "contract", 0, "ID", KH_OPT_REQUIRED, "合同编号（kaohe contract list）",
	  "the contract (kaohe contract list)" },
	{ "period", 0, "P", KH_OPT_REQUIRED, "考核期：2024、2024H1、2024Q3 或 2024-03",
	  "2024, 2024H1, 2024Q3 or 2024-03" },
	{ "as-of", 0, "D", 0, "判定日（YYYY-MM-DD），默认考核期最后一天",
	  "the day facts are judged on (YYYY-MM-DD);\ndefault the period's last day" },
	{ "contract-version", 0, "N", 0, "合同版本，默认最新",
	  "a stored version; default the newest" },
	{ NULL, 0, NULL, 0, NULL, NULL },
};

static const struct kh_cmd_spec score_spec = {
	.name = "score", .min_operands = 0, .max_operands = 0,
	.about_zh =
	"按合同的每一项指标给一个考核期评分，保存评分记录，并打印汇总表：\n"
	"每项指标一行（编号、条款、结果、实际值、目标、得分/分值），然后是\n"
	"总分、等级和触发的条款。未达标是结果而不是错误，退出码仍为 0。",
	.about_en =
	"Score a contract period against every indicator, store the run and\n"
	"print a table: one line per indicator (id, clause, status, value,\n"
	"target, awarded/points), then the total, the grade and the triggers\n"
	"met.  A failing indicator is a result, not an error: the exit is 0.",
	.opts = score_opts,
	.notes_zh =
	"等级按“得分 ÷ 可评分值 × 合同总分”评定；无数据的指标不得分，也不计入\n"
	"可评分值。环境变量 KAOHE_NOW 可固定评分表的生成时间；结算记录在两个\n"
	"线程上读取和排序，KAOHE_SCORE_THREADS=1 则只用一个。详见 man kaohe-score。",
	.notes_en =
	"The grade is judged on score ÷ max × the contract's total; an n/a\n"
	"indicator earns nothing and leaves the max.  $KAOHE_NOW fixes the\n"
	"scorecard's generated time.  Claims are read and sorted on two\n"
	"threads; KAOHE_SCORE_THREADS=1 uses one.  See man kaohe-score.",
};

static int parse_request(const struct kh_args *a, struct kh_score_request *req)
{
	req->contract_id = kh_arg(a, "contract");
	int rc = kh_parse_period_as_of("score", kh_arg(a, "period"), kh_arg(a, "as-of"),
	                               &req->period, &req->as_of);
	if (rc)
		return rc;
	req->contract_version = 0;
	const char *version = kh_arg(a, "contract-version");
	if (version) {
		char *end;
		long v = strtol(version, &end, 10);
		if (*end || end == version || v < 1 || v > 1000000)
			return kh_usage("score", "%s: '%s'",
			                kh_tr("合同版本无效", "invalid contract version"), version);
		req->contract_version = (int)v;
	}
	return 0;
}

static int run_score(const struct kh_args *args, struct kh_ctx *ctx)
{
	struct kh_score_request req = { 0 };
	int rc = parse_request(args, &req);
	if (rc)
		return rc;
	xmlDocPtr doc;
	long run_id;
	struct kh_err err = { 0 };
	if (kh_score_run(ctx->store, &req, &doc, &run_id, &err))
		return kh_err_exit_code(&err);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	print_indicators(root);
	print_summary(root, run_id);
	xmlFreeDoc(doc);
	return 0;
}

const struct kh_command_def cmd_score_def = {
	&score_spec, run_score, KH_CMD_STORE | KH_CMD_WRITES };
