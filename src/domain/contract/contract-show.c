/* contract-show.c: a contract in words for people — every indicator with
 * its clause, paraphrase, measure and parameters, points and triggers, in
 * Chinese or (with --lang en) English; codes read as words (util/words.h)
 * and every number that is the template's default rather than the
 * contract's text carries "（默认）".  Presentation only: it never decides
 * anything a score depends on. */
#include <stdio.h>
#include <string.h>

#include "contract.h"
#include "msg.h"
#include "words.h"

/* Chinese output? (formats stay literals so the compiler checks them) */
#define ZH (kh_lang == KH_LANG_ZH)

static const char *attr_or(const struct kh_node *n, const char *name,
                           const char *fallback)
{
	const char *v = kh_node_attr(n, name);
	return v ? v : fallback;
}

/* The mark after a number that is the template's default. */
static const char *mark(int is_default)
{
	return is_default ? kh_tr("（默认）", " (default)") : "";
}

/* A coded value of a contract parameter as a word. */
static const char *setting(const char *code)
{
	const char *w = kh_word("setting", code);
	return w ? w : kh_word_or_code("value", code);
}

static const char *post_words(const char *post)
{
	if (strcmp(post, "resident") == 0) return kh_tr("派驻", "resident");
	if (strcmp(post, "city") == 0) return kh_tr("市级", "city-level");
	if (strcmp(post, "county") == 0) return kh_tr("县区", "county-level");
	if (strcmp(post, "other") == 0) return kh_tr("其他岗位", "other-post");
	return kh_tr("全部", "all");
}

static const char *specialty_words(const char *specialty)
{
	if (strcmp(specialty, "medical") == 0) return kh_tr("医学专业", "medical");
	if (strcmp(specialty, "finance") == 0) return kh_tr("财务专业", "finance");
	if (strcmp(specialty, "it") == 0) return kh_tr("信息技术专业", "IT");
	if (strcmp(specialty, "other") == 0) return kh_tr("其他专业", "other-specialty");
	return "";
}

static void describe_staffing(const struct kh_node *m, FILE *fp)
{
	const char *post = attr_or(m, "post", "any");
	const char *spec = attr_or(m, "specialty", "any");
	const char *min = kh_node_attr(m, "min"), *per = kh_node_attr(m, "per");
	const char *max = kh_node_attr(m, "max");
	const char *d = mark(kh_node_is_default(m));
	int per_unit = strcmp(attr_or(m, "per-unit", "no"), "yes") == 0;
	fprintf(fp, "%s%s%s%s", kh_tr("人员配备：", "staffing: "),
	        per_unit ? kh_tr("每个县区", "in every county, ") : "",
	        per_unit && strcmp(post, "county") == 0 && ZH ? "" : post_words(post),
	        kh_tr("", " "));
	fprintf(fp, "%s%s%s", specialty_words(spec), *specialty_words(spec) ? kh_tr("", " ") : "",
	        kh_tr("人员", "staff"));
	if (min)
		fprintf(fp, ZH ? "不少于 %s 人%s" : " at least %s%s", min, d);
	if (per)
		fprintf(fp, ZH ? "，按每 %s 参保人 1 人%s" : ", one per %s insured%s", per, d);
	if (max)
		fprintf(fp, ZH ? "，不多于 %s 人%s" : ", at most %s%s", max, d);
	fputs(kh_tr("（逐日核查，取最低人数）", " (checked every day; the lowest count)"), fp);
}

static void describe_bands(const struct kh_node *m, FILE *fp)
{
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kh_node *b = &m->children[i];
		if (strcmp(b->name, "band") != 0)
			continue;
		if (kh_node_attr(b, "below")) {
			fprintf(fp, ZH ? "；低于 %s 扣当季服务费 %s%s" :
			                 "; below %s deduct %s of the quarter's fee%s",
			        kh_node_attr(b, "below"), kh_node_attr(b, "deduct"),
			        mark(kh_node_is_default(b)));
			if (kh_node_attr(b, "action"))
				fprintf(fp, ZH ? "并%s" : " and %s",
				        kh_word_or_code("action", kh_node_attr(b, "action")));
		}
	}
}

static void describe_schemes(const struct kh_node *m, FILE *fp)
{
	const char *d = mark(kh_node_is_default(m));
	fputs(kh_tr("待遇重算：", "benefit recomputation: "), fp);
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kh_node *s = &m->children[i];
		fprintf(fp, ZH ? "%s%s：起付 %s 元%s" : "%s%s: deductible %s yuan%s", i ? "; " : "",
		        kh_word_or_code("value", attr_or(s, "category", "standard")),
		        kh_node_attr(s, "deductible"), d);
		for (size_t k = 0; k < s->nchildren; k++)
			fprintf(fp, ZH ? "，%s 元以上 %s" : ", above %s yuan %s",
			        kh_node_attr(&s->children[k], "above"),
			        kh_node_attr(&s->children[k], "rate"));
		if (kh_node_attr(s, "cap"))
			fprintf(fp, ZH ? "，年度封顶 %s 元" : ", yearly cap %s yuan", kh_node_attr(s, "cap"));
		else
			fputs(kh_tr("，不设封顶", ", no cap"), fp);
	}
}

static void describe_report(const struct kh_node *m, FILE *fp)
{
	const char *only = kh_node_attr(m, "only");
	fprintf(fp, ZH ? "%s：每%s一报%s，于期末后第 %s 个月的 %s 日前报送%s，遇休息日顺延" :
	                 "%s (every %s%s) due day %s of the %s month after the period%s, rolled over",
	        kh_word_or_code("value", kh_node_attr(m, "report")),
	        setting(kh_node_attr(m, "every")),
	        only ? (strcmp(only, "H1") == 0 ? kh_tr("（上半年）", ", first half") :
	                strcmp(only, "H2") == 0 ? kh_tr("（下半年）", ", second half") : only) : "",
	        ZH ? attr_or(m, "due-months-after", "1") : kh_node_attr(m, "due-day"),
	        ZH ? kh_node_attr(m, "due-day") : attr_or(m, "due-months-after", "1"),
	        mark(kh_node_is_default(m)));
}

static void describe_measure(const struct kh_node *m, FILE *fp)
{
	const char *n = m->name;
	const char *d = mark(kh_node_is_default(m));
	if (strcmp(n, "staffing") == 0)
		describe_staffing(m, fp);
	else if (strcmp(n, "staff-share") == 0)
		fprintf(fp, ZH ? "%s人员占比不低于 %s%s（逐日）" : "share of %s staff at least %s%s (every day)",
		        specialty_words(attr_or(m, "specialty", "medical")), kh_node_attr(m, "min"), d);
	else if (strcmp(n, "turnover") == 0)
		fprintf(fp, ZH ? "人员流失率不高于 %s%s（基数：%s）" : "staff turnover at most %s%s (basis: %s)",
		        kh_node_attr(m, "max"), d,
		        kh_word_or_code("value", attr_or(m, "basis", "average")));
	else if (strcmp(n, "timeliness") == 0)
		fprintf(fp, ZH ? "%s结算在受理后 %s 个工作日%s内支付，按时率不低于 %s" :
		                  "%s settlement paid within %s working days%s, on-time rate at least %s",
		        strcmp(kh_node_attr(m, "channel"), "direct") == 0 ?
		        kh_tr("直接", "direct") : kh_tr("手工报销", "manual"),
		        kh_node_attr(m, "workdays"), d, attr_or(m, "min", "100%"));
	else if (strcmp(n, "benefit-recompute") == 0)
		describe_schemes(m, fp);
	else if (strcmp(n, "report-deadline") == 0)
		describe_report(m, fp);
	else if (strcmp(n, "audit-pass-rate") == 0) {
		fprintf(fp, ZH ? "每季度稽核合格率不低于 %s%s" : "quarterly audit pass rate at least %s%s",
		        kh_node_attr(m, "min"), d);
		describe_bands(m, fp);
	} else if (strcmp(n, "complaints") == 0)
		fprintf(fp, ZH ? "查证属实且属乙方责任的投诉不超过 %s 件%s" :
		                  "substantiated complaints with insurer fault at most %s%s",
		        attr_or(m, "max", "0"), d);
	else if (strcmp(n, "volume") == 0)
		fprintf(fp, ZH ? "%s：全期合计不少于 %s%s" : "%s: at least %s over the period%s",
		        kh_word_or_code("value", kh_node_attr(m, "kind")), kh_node_attr(m, "min"), d);
	else if (strcmp(n, "activity") == 0)
		fprintf(fp, ZH ? "%s：每%s至少 %s 次%s" : "%s at least %s per %s%s",
		        kh_word_or_code("value", kh_node_attr(m, "kind")),
		        ZH ? setting(kh_node_attr(m, "every")) : attr_or(m, "min", "1"),
		        ZH ? attr_or(m, "min", "1") : kh_node_attr(m, "every"), d);
	else if (strcmp(n, "solvency") == 0)
		fprintf(fp, ZH ? "偿付能力风险综合评级：%s 类及以下须报告，续签须 %s 类及以上" :
		                  "solvency rating: %s or worse must be reported, %s or better to renew",
		        attr_or(m, "report-at", "C"), attr_or(m, "renew-min", "B"));
	else if (strcmp(n, "claims-cap") == 0)
		fprintf(fp, ZH ? "每人每年支付不超过 %s 元%s" : "paid at most %s yuan per person a year%s",
		        kh_node_attr(m, "max"), d);
	else
		fputs(kh_word_or_code("measure", n), fp);
}

static void print_points(long x100, FILE *fp)
{
	if (x100 % 100)
		fprintf(fp, "%ld.%02ld", x100 / 100, x100 % 100);
	else
		fprintf(fp, "%ld", x100 / 100);
}

static void describe_trigger(const struct kh_trigger *t, FILE *fp)
{
	fprintf(fp, "    %s %s [%s]", kh_tr("后果：", "consequence:"),
	        kh_word_or_code("action", t->action), t->clause);
	if (kh_node_attr(&t->node, "rate"))
		fprintf(fp, " %s", kh_node_attr(&t->node, "rate"));
	if (*t->text)
		fprintf(fp, " %s", t->text);
	fputc('\n', fp);
}

static void describe_indicator(const struct kh_contract *c,
                               const struct kh_indicator *ind, FILE *fp)
{
	fprintf(fp, "\n%s  %s\n", ind->id,
	        kh_lang == KH_LANG_EN ? ind->title_en : ind->title_zh);
	fprintf(fp, "    %s %s %s\n", kh_tr("条款：", "clause:"), ind->clause, ind->clause_text);
	fprintf(fp, "    %s ", kh_tr("度量：", "measure:"));
	describe_measure(&ind->measure, fp);
	fprintf(fp, "\n    %s ", kh_tr("分值：", "points:"));
	print_points(ind->points_x100, fp);
	fputs(mark(ind->points_default), fp);
	if (ind->deduct_per_finding_x100) {
		fputs(kh_tr("（每项问题扣 ", " (each finding costs "), fp);
		print_points(ind->deduct_per_finding_x100, fp);
		fputs(kh_tr(" 分）", ")"), fp);
	}
	fputc('\n', fp);
	const struct kh_category *cat = kh_contract_category(c, ind->category);
	if (cat)
		fprintf(fp, "    %s %s\n", kh_tr("类别：", "category:"),
		        kh_lang == KH_LANG_EN ? cat->title_en : cat->title);
	fprintf(fp, "    %s %s%s\n", kh_tr("评分方法：", "method:"),
	        kh_word_or_code("method", kh_method_code(ind->method)), mark(ind->method_default));
	char criterion[512];
	kh_method_criterion(ind, criterion, sizeof criterion);
	fprintf(fp, "    %s %s\n", kh_tr("评分标准：", "criterion:"), criterion);
	for (size_t i = 0; i < ind->ntriggers; i++)
		describe_trigger(&ind->triggers[i], fp);
}

/* The rubric: how marks combine, which level is final, the categories. */
static void describe_rubric(const struct kh_contract *c, FILE *fp)
{
	fprintf(fp, "%s %s；%s %s\n", kh_tr("评分汇总：", "marks combined by:"),
	        kh_word_or_code("aggregate", kh_mark_aggregation_code(c->aggregate)),
	        kh_tr("最终得分层级：", "final level:"),
	        kh_word_or_code("level", kh_final_level_code(c->final_level)));
	for (size_t k = 0; k < c->ncategories; k++) {
		const struct kh_category *cat = &c->categories[k];
		fprintf(fp, "%s %s ", kh_tr("类别：", "category:"),
		        kh_lang == KH_LANG_EN ? cat->title_en : cat->title);
		print_points(cat->points_x100, fp);
		fputs(kh_tr(" 分", " points"), fp);
		if (*cat->clause)
			fprintf(fp, " [%s]", cat->clause);
		fputs(mark(cat->is_default), fp);
		fputc('\n', fp);
	}
}

/* A parameter's value in words: an indicator by its title, a milestone by
 * its name, how often damages count, any other coded value. */
static const char *param_value(const struct kh_contract *c, const char *name,
                               const char *value)
{
	if (strcmp(name, "indicator") == 0) {
		const struct kh_indicator *ind = kh_contract_indicator(c, value);
		if (ind)
			return kh_lang == KH_LANG_EN ? ind->title_en : ind->title_zh;
	}
	if (strcmp(name, "id") == 0)
		return kh_word_or_code("value", value);
	if (strcmp(name, "per") == 0 && kh_word("per", value))
		return kh_word("per", value);
	return setting(value);
}

/* The attributes of a money or policy part in words: "比例 5%，含 运营成本". */
static void describe_params(const struct kh_contract *c, const struct kh_node *part, FILE *fp)
{
	int n = 0;
	for (size_t a = 0; a < part->nattrs; a++) {
		const char *name = part->attrs[a].name, *value = part->attrs[a].value;
		if (strcmp(name, "clause") == 0 || strcmp(name, "default") == 0)
			continue;
		const char *v = param_value(c, name, value);
		fprintf(fp, "%s%s %s", n++ ? kh_tr("，", ", ") : "",
		        kh_word_or_code("money-param", name), v);
	}
}

/* A return table row: the grade, the share returned, marked when it is
 * the template's; then the row as the contract file writes it. */
static void describe_row(const struct kh_contract *c, const struct kh_node *row, FILE *fp)
{
	fprintf(fp, "        %s", kh_word_or_code("part", row->name));
	if (kh_node_attr(row, "grade") && kh_node_attr(row, "rate"))
		fprintf(fp, ZH ? "：%s → %s%s" : ": %s → %s%s", kh_node_attr(row, "grade"),
		        kh_node_attr(row, "rate"), mark(kh_node_is_default(row)));
	else {
		fputs(kh_tr("：", ": "), fp);
		describe_params(c, row, fp);
		fputs(mark(kh_node_is_default(row)), fp);
	}
	fprintf(fp, "%s%s", kh_tr("（合同文件原文：", " (as written: "), row->name);
	for (size_t a = 0; a < row->nattrs; a++)
		fprintf(fp, " %s=%s", row->attrs[a].name, row->attrs[a].value);
	fputs(kh_tr("）\n", ")\n"), fp);
}

static void describe_money(const struct kh_contract *c, FILE *fp)
{
	const struct kh_node *money = &c->money;
	for (size_t i = 0; i < money->nchildren; i++) {
		const struct kh_node *model = &money->children[i];
		fprintf(fp, "%s %s", kh_tr("资金：", "money:"), kh_word_or_code("model", model->name));
		if (model->nattrs > 1) {
			fputs(kh_tr("（", " ("), fp);
			describe_params(c, model, fp);
			fputs(kh_tr("）", ")"), fp);
		}
		fprintf(fp, " [%s]\n", attr_or(model, "clause", ""));
		for (size_t k = 0; k < model->nchildren; k++) {
			const struct kh_node *part = &model->children[k];
			fprintf(fp, "    %s", kh_word_or_code("part", part->name));
			if (part->nattrs > 1 || (part->nattrs == 1 && !kh_node_attr(part, "clause"))) {
				fputs(kh_tr("：", ": "), fp);
				describe_params(c, part, fp);
			}
			fputs(mark(kh_node_is_default(part)), fp);
			fprintf(fp, " [%s]", attr_or(part, "clause", ""));
			if (*part->text && kh_lang != KH_LANG_EN)
				fprintf(fp, " %s", part->text);
			fputc('\n', fp);
			for (size_t r = 0; r < part->nchildren; r++)
				describe_row(c, &part->children[r], fp);
		}
	}
}

static void describe_grades(const struct kh_contract *c, FILE *fp)
{
	int any_default = 0;
	fprintf(fp, "%s ", kh_tr("总分：", "total points:"));
	print_points(c->total_points_x100, fp);
	fputs(mark(c->total_default), fp);
	fputs(kh_tr("；等级：", "; grades:"), fp);
	for (size_t i = 0; i < c->ngrades; i++) {
		fprintf(fp, " %s≥", kh_lang == KH_LANG_EN ? c->grades[i].name_en : c->grades[i].name);
		print_points(c->grades[i].min_points_x100, fp);
		any_default |= c->grades[i].is_default;
	}
	fputs(mark(any_default), fp);
	fputc('\n', fp);
}

/* Does the node or anything under it carry default="yes"? */
static int node_has_default(const struct kh_node *n)
{
	if (kh_node_is_default(n))
		return 1;
	for (size_t i = 0; i < n->nchildren; i++)
		if (node_has_default(&n->children[i]))
			return 1;
	return 0;
}

static int has_defaults(const struct kh_contract *c)
{
	int any = c->total_default || node_has_default(&c->money);
	for (size_t i = 0; i < c->ngrades; i++)
		any |= c->grades[i].is_default;
	for (size_t i = 0; i < c->nindicators; i++)
		any |= c->indicators[i].points_default || c->indicators[i].method_default ||
		       node_has_default(&c->indicators[i].measure);
	for (size_t i = 0; i < c->ncategories; i++)
		any |= c->categories[i].is_default;
	return any;
}

void kh_contract_describe(const struct kh_contract *c, FILE *fp)
{
	char first[KH_DAY_BUFSZ], last[KH_DAY_BUFSZ];
	fprintf(fp, "%s (%s %d)\n%s\n", c->id, kh_tr("版本", "version"), c->version, c->title);
	fprintf(fp, "%s %s\n%s %s\n", kh_tr("甲方：", "purchaser:"), c->purchaser,
	        kh_tr("乙方：", "insurer:"), c->insurer);
	fprintf(fp, "%s %s — %s\n", kh_tr("期限：", "term:"), kh_day_format(c->term_first, first),
	        kh_day_format(c->term_last, last));
	fprintf(fp, "%s %s\n", kh_tr("顺延规则：", "rollover:"),
	        kh_word_or_code("value", c->rollover == KH_ROLLOVER_HOLIDAYS_ONLY ?
	                                 "holidays-only" : "next-workday"));
	describe_grades(c, fp);
	describe_rubric(c, fp);
	if (c->units.nchildren) {
		fputs(kh_tr("县区：", "units:"), fp);
		for (size_t i = 0; i < c->units.nchildren; i++)
			fprintf(fp, " %s", attr_or(&c->units.children[i], "name", ""));
		fputc('\n', fp);
	}
	describe_money(c, fp);
	for (size_t i = 0; i < c->policy.nchildren; i++) {
		const struct kh_node *p = &c->policy.children[i];
		const char *name = strcmp(p->name, "param") == 0 && kh_node_attr(p, "name") ?
		                   setting(kh_node_attr(p, "name")) : kh_word_or_code("part", p->name);
		fprintf(fp, "%s %s [%s] %s\n", kh_tr("政策参数：", "policy:"), name,
		        attr_or(p, "clause", ""), p->text);
	}
	if (has_defaults(c))
		fputs(kh_tr("（默认）：合同未写明、由模板设定的数值，以采购方的考核方案为准\n",
		            "(default): a number the contract leaves open, set by the template; "
		            "the purchaser's assessment plan prevails\n"), fp);
	fprintf(fp, "%s %zu\n", kh_tr("指标数：", "indicators:"), c->nindicators);
	for (size_t i = 0; i < c->nindicators; i++)
		describe_indicator(c, &c->indicators[i], fp);
	if (c->ntriggers) {
		fprintf(fp, "\n%s\n", kh_tr("合同整体的后果：", "contract-wide consequences:"));
		for (size_t i = 0; i < c->ntriggers; i++)
			describe_trigger(&c->triggers[i], fp);
	}
}
