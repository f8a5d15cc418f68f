/* fees.c: the fee-model registry (name, function, record kinds read,
 * parameters), the <fees> builder, and the helpers the models share:
 * lines, money parameters, insured in force, finance and settlement sums.
 * The models themselves are in fees-service.c, fees-fixed.c, fees-fund.c.
 * Pure: never reads or changes the store, never runs the scoring. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fees-lib.h"
#include "grade.h"
#include "measure-roster.h"
#include "msg.h"

/* --- the registry ---------------------------------------------------------- */

#define DAMAGES_PARAMS \
	{ "damages", "rate", KH_PARAM_RATE, 1 }, \
	{ "damages", "of", KH_PARAM_TEXT, 1 }, \
	{ "damages", "cause", KH_PARAM_TEXT, 1 }, \
	{ "damages", "per", KH_PARAM_TEXT, 0 }, \
	{ "damages", "clause", KH_PARAM_TEXT, 1 }

#define CAP_LOSS_PARAMS \
	{ "profit-cap", "rate", KH_PARAM_RATE, 1 }, \
	{ "profit-cap", "includes", KH_PARAM_TEXT, 0 }, \
	{ "profit-cap", "surplus-to", KH_PARAM_TEXT, 0 }, \
	{ "profit-cap", "clause", KH_PARAM_TEXT, 1 }, \
	{ "staff-cost", "per-person", KH_PARAM_FEN, 1 }, \
	{ "staff-cost", "medical", KH_PARAM_FEN, 0 }, \
	{ "staff-cost", "min-days", KH_PARAM_COUNT, 1 }, \
	{ "staff-cost", "post", KH_PARAM_TEXT, 0 }, \
	{ "staff-cost", "clause", KH_PARAM_TEXT, 1 }, \
	{ "loss", "policy-cap", KH_PARAM_RATE, 1 }, \
	{ "loss", "then", KH_PARAM_TEXT, 0 }, \
	{ "loss", "other", KH_PARAM_TEXT, 0 }, \
	{ "loss", "clause", KH_PARAM_TEXT, 1 }

static const struct kh_param service_params[] = {
	{ NULL, "unit-price", KH_PARAM_FEN, 1 },
	{ NULL, "basis", KH_PARAM_TEXT, 0 },
	{ NULL, "parts", KH_PARAM_COUNT, 1 },
	{ NULL, "clause", KH_PARAM_TEXT, 1 },
	{ NULL, "price-clause", KH_PARAM_TEXT, 0 },
	{ "deduction", "indicator", KH_PARAM_TEXT, 1 },
	{ "deduction", "from", KH_PARAM_TEXT, 1 },
	{ "deduction", "clause", KH_PARAM_TEXT, 1 },
	DAMAGES_PARAMS,
};

static const struct kh_param fixed_params[] = {
	{ NULL, "amount", KH_PARAM_FEN, 1 },
	{ NULL, "tax", KH_PARAM_TEXT, 0 },
	{ NULL, "clause", KH_PARAM_TEXT, 1 },
	{ "milestone", "id", KH_PARAM_TEXT, 1 },
	{ "milestone", "name", KH_PARAM_TEXT, 0 },
	{ "milestone", "share", KH_PARAM_RATE, 1 },
	{ "milestone", "amount", KH_PARAM_FEN, 1 },
	{ "milestone", "when", KH_PARAM_TEXT, 1 },
	{ "milestone", "due-workdays", KH_PARAM_COUNT, 0 },
	{ "milestone", "month", KH_PARAM_MONTH, 0 },
	{ "milestone", "clause", KH_PARAM_TEXT, 1 },
	DAMAGES_PARAMS,
	{ "damages", "discretionary", KH_PARAM_TEXT, 0 },
	{ "damages", "payer", KH_PARAM_TEXT, 0 },
	{ "offset", "clause", KH_PARAM_TEXT, 1 },
};

/* The fund models' damages: a late refund is counted from a fact (`after`,
 * a facts kind word) and a deadline `within` days of it (000 第三十四条). */
#define FUND_DAMAGES_PARAMS \
	DAMAGES_PARAMS, \
	{ "damages", "within", KH_PARAM_COUNT, 0 }, \
	{ "damages", "after", KH_PARAM_TEXT, 0 }

/* What a grade returns of money held until the assessment. */
#define RETURN_PARAMS \
	{ "return", "grade", KH_PARAM_TEXT, 1 }, \
	{ "return", "rate", KH_PARAM_RATE, 1 }

static const struct kh_param fund_per_capita_params[] = {
	{ NULL, "per-capita", KH_PARAM_FEN, 1 },
	{ NULL, "clause", KH_PARAM_TEXT, 1 },
	CAP_LOSS_PARAMS,
	{ "profit-return", "clause", KH_PARAM_TEXT, 1 },
	RETURN_PARAMS,
	FUND_DAMAGES_PARAMS,
};

static const struct kh_param fund_reserve_params[] = {
	{ NULL, "per-capita", KH_PARAM_FEN, 0 },
	{ NULL, "clause", KH_PARAM_TEXT, 1 },
	{ "reserve", "rate", KH_PARAM_RATE, 1 },
	{ "reserve", "clause", KH_PARAM_TEXT, 1 },
	{ "deposit", "rate", KH_PARAM_RATE, 1 },
	{ "deposit", "clause", KH_PARAM_TEXT, 1 },
	RETURN_PARAMS,
	CAP_LOSS_PARAMS,
	FUND_DAMAGES_PARAMS,
};

#define PARAMS(a) a, sizeof a / sizeof a[0]
#define FUND_READS \
	(KH_REC_FINANCE | KH_REC_POPULATION | KH_REC_ROSTER | KH_REC_SETTLEMENTS | \
	 KH_REC_FACTS)

static const struct kh_fee_model models[] = {
	{ "service-fee-per-capita", kh_fee_service,
	  KH_REC_POPULATION | KH_REC_AUDITS, PARAMS(service_params) },
	{ "fixed-fee", kh_fee_fixed, KH_REC_ACTIVITIES | KH_REC_FACTS | KH_REC_FINANCE,
	  PARAMS(fixed_params) },
	{ "fund-per-capita", kh_fee_fund, FUND_READS, PARAMS(fund_per_capita_params) },
	{ "fund-reserve", kh_fee_fund, FUND_READS, PARAMS(fund_reserve_params) },
};

const struct kh_fee_model *kh_fee_model_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
		if (strcmp(models[i].name, name) == 0)
			return &models[i];
	return NULL;
}

const struct kh_fee_model *kh_fee_models(size_t *count)
{
	*count = sizeof models / sizeof models[0];
	return models;
}

/* --- the builder ----------------------------------------------------------- */

const struct kh_node *kh_fees_model_node(const struct kh_contract *c)
{
	return c->money.nchildren > 0 ? &c->money.children[0] : NULL;
}

static void decide_rest(const struct kh_fee_input *in, xmlNodePtr fees);

int kh_fees_build(const struct kh_fee_input *input, xmlNodePtr parent,
                  xmlNodePtr *out)
{
	*out = NULL;
	struct kh_fee_input in = *input;
	in.model = kh_fees_model_node(in.contract);
	if (!in.model)
		return 0;
	xmlNodePtr fees = xmlNewDocNode(parent->doc, parent->ns, BAD_CAST "fees", NULL);
	kh_fees_set(fees, "model", in.model->name);
	/* the attributes first, so they come before the lines' in order */
	kh_fees_totals(fees, 0, 0);
	const struct kh_fee_model *model = kh_fee_model_find(in.model->name);
	if (model && model->run(&in, fees)) {
		xmlFreeNode(fees);
		return -1;
	}
	xmlChar *decided = xmlGetProp(fees, BAD_CAST "due-confirmed");
	if (!decided)
		decide_rest(&in, fees);
	xmlFree(decided);
	xmlAddChild(parent, fees);
	*out = fees;
	return 0;
}

/* --- lines ------------------------------------------------------------------ */

void kh_fees_set(xmlNodePtr node, const char *name, const char *value)
{
	xmlSetProp(node, BAD_CAST name, BAD_CAST(value && *value ? value : "-"));
}

void kh_fees_set_fen(xmlNodePtr node, const char *name, kh_fen amount)
{
	char buf[48];
	kh_fees_set(node, name, kh_fen_format(amount, buf, sizeof buf));
}

void kh_fees_totals(xmlNodePtr fees, kh_fen total, kh_fen deductions)
{
	kh_fees_set_fen(fees, "total", total);
	kh_fees_set_fen(fees, "deductions", deductions);
	kh_fees_set_fen(fees, "due", total - deductions);
}

xmlNodePtr kh_fees_line(xmlNodePtr fees, const char *kind, const char *clause,
                        kh_fen amount, const char *text)
{
	xmlNodePtr line = xmlNewChild(fees, NULL, BAD_CAST "line", NULL);
	kh_fees_set(line, "kind", kind);
	if (clause && *clause)
		kh_fees_set(line, "clause", clause);
	kh_fees_set_fen(line, "amount", amount);
	if (text && *text)
		kh_fees_set(line, "text", text);
	return line;
}

enum kh_line_state kh_fees_decide(const struct kh_fee_input *in, xmlNodePtr line,
                                  const char *period, const char *clause,
                                  const char *key)
{
	char id[512];
	kh_line_id(id, sizeof id, period, clause, key);
	enum kh_line_state state =
		kh_line_state_of(in->records ? in->records->adjust : NULL, id);
	kh_fees_set(line, "id", id);
	kh_fees_set(line, "state", kh_line_state_code(state));
	return state;
}

void kh_fees_decided(xmlNodePtr fees, kh_fen total, kh_fen proposed,
                     kh_fen confirmed, kh_fen waived)
{
	kh_fees_set_fen(fees, "proposed", proposed);
	kh_fees_set_fen(fees, "confirmed", confirmed);
	kh_fees_set_fen(fees, "waived", waived);
	kh_fees_set_fen(fees, "due-confirmed", total - confirmed);
}

static kh_fen fen_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	kh_fen out = 0;
	if (!v || kh_fen_parse((const char *)v, strlen((const char *)v), 1, &out) != 0)
		out = 0;
	xmlFree(v);
	return out;
}

/* The models that do not decide their own lines (the fund models): each
 * damages line gets its id and state; a waived line leaves the deductions
 * and the due; only confirmed lines count in due-confirmed. */
static void decide_rest(const struct kh_fee_input *in, xmlNodePtr fees)
{
	char period[16];
	kh_period_format(&in->period, period);
	kh_fen proposed = 0, confirmed = 0, waived = 0;
	int seen = 0;
	for (xmlNodePtr n = fees->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "line"))
			continue;
		xmlChar *kind = xmlGetProp(n, BAD_CAST "kind");
		int damages = kind && strcmp((const char *)kind, "damages") == 0;
		xmlFree(kind);
		if (!damages)
			continue;
		xmlChar *clause = xmlGetProp(n, BAD_CAST "clause");
		xmlChar *ind = xmlGetProp(n, BAD_CAST "indicator");
		char key[128];
		if (ind)
			snprintf(key, sizeof key, "%s", (const char *)ind);
		else if (seen)
			snprintf(key, sizeof key, "damages-%d", seen + 1);
		else
			snprintf(key, sizeof key, "damages");
		seen++;
		enum kh_line_state st = kh_fees_decide(in, n, period, (const char *)clause, key);
		xmlFree(clause);
		xmlFree(ind);
		kh_fen amount = fen_attr(n, "amount");
		if (st == KH_LINE_CONFIRMED)
			confirmed += amount;
		else if (st == KH_LINE_WAIVED)
			waived += amount;
		else
			proposed += amount;
	}
	kh_fen total = fen_attr(fees, "total"), deductions = fen_attr(fees, "deductions");
	if (waived)
		kh_fees_totals(fees, total, deductions - waived);
	kh_fees_set_fen(fees, "proposed", proposed);
	kh_fees_set_fen(fees, "confirmed", confirmed);
	kh_fees_set_fen(fees, "waived", waived);
	kh_fees_set_fen(fees, "due-confirmed", total - (deductions - waived) + proposed);
}

void kh_fees_count_text(long long count, char *buf, size_t size)
{
	kh_fen_format_grouped((kh_fen)count * 100, buf, size);
	size_t len = strlen(buf);
	if (len >= 3)
		buf[len - 3] = '\0';   /* a count, not money: drop ".00" */
}

/* --- money parameters -------------------------------------------------------- */

int kh_money_bad_attr(const struct kh_fee_input *in, const struct kh_node *n,
                      const char *name, const char *value)
{
	if (!value)
		kh_error_at(in->contract->id, n->line, 0, "%s <%s> %s %s",
		            kh_tr("金额条款", "money element"), n->name,
		            kh_tr("缺少属性", "lacks the attribute"), name);
	else
		kh_error_at(in->contract->id, n->line, 0, "%s <%s> %s %s ('%s')",
		            kh_tr("金额条款", "money element"), n->name,
		            kh_tr("属性无效", "has an invalid attribute"), name, value);
	return kh_fail(in->err, KH_ERR_DATA);
}

int kh_money_fen(const struct kh_fee_input *in, const struct kh_node *n,
                 const char *name, kh_fen *out)
{
	const char *v = kh_node_attr(n, name);
	if (!v || kh_fen_parse(v, strlen(v), 0, out) != 0)
		return kh_money_bad_attr(in, n, name, v);
	return 0;
}

int kh_money_rate(const struct kh_fee_input *in, const struct kh_node *n,
                  const char *name, struct kh_rate *out)
{
	const char *v = kh_node_attr(n, name);
	if (!v || kh_rate_parse(v, out) != 0 || out->num < 0)
		return kh_money_bad_attr(in, n, name, v);
	return 0;
}

const char *kh_fees_grade(const struct kh_fee_input *in)
{
	const struct kh_grade *g = kh_grade_for(in->contract, in->scored.score_x100,
	                                        in->scored.max_x100);
	return g ? g->name : NULL;
}

/* --- record sums -------------------------------------------------------------- */

/* Which rows the count of kh_population_daily rests on
 * (kh_population_in_force, the same rule): how many, and the newest. */
static void add_row(const struct kh_population_row *row, const char *unit,
                    void *arg)
{
	struct kh_insured *out = arg;
	out->whole = !*unit;
	if (!row)
		return;
	out->rows++;
	if (row->date > out->date)
		out->date = row->date;
}

void kh_fees_insured(const struct kh_population *pop, kh_day day,
                     struct kh_insured *out)
{
	*out = (struct kh_insured){ -1, 0, 0, 0 };
	long long count = -1;
	kh_population_daily(pop, "", day, day, &count);
	if (count < 0)
		return;
	out->count = count;
	kh_population_in_force(pop, "", day, add_row, out);
}

void kh_fees_finance(const struct kh_finance *finance, const char *kind,
                     kh_day from, kh_day to, kh_fen *sum, long *count)
{
	*sum = 0;
	*count = 0;
	for (size_t i = 0; i < finance->count; i++) {
		const struct kh_finance_row *row = &finance->rows[i];
		if (row->date < from || row->date > to || strcmp(row->kind, kind) != 0)
			continue;
		*sum += row->amount;
		(*count)++;
	}
}

int kh_fees_settlements_paid(const struct kh_fee_input *in, kh_day from,
                             kh_day to, kh_fen *sum, long *count)
{
	struct kh_settlement_query query = {
		.contract = in->contract->id, .day = KH_SETTLE_PAID,
		.first = from, .last = to, .order = KH_SETTLE_ANY_ORDER };
	long long claims = 0;
	*sum = 0;
	*count = 0;
	if (kh_records_settlement_totals(in->records, &query, &claims, sum, in->err))
		return -1;
	*count = (long)claims;
	return 0;
}
