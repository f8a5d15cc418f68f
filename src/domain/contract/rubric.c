/* rubric.c: awards, marks by level, category subtotals, vetoes, bonuses and
 * the final level (rubric.h).  Pure arithmetic on points ×100. */
#include <stdlib.h>
#include <string.h>

#include "rubric.h"
#include "msg.h"

static const char *const level_codes[] = { "computed", "self", "city", "province" };

const char *kh_rubric_level_code(enum kh_rubric_level level)
{
	return (unsigned)level < KH_RUBRIC_LEVELS ? level_codes[level] : "computed";
}

void kh_rubric_init(struct kh_rubric *r, const struct kh_contract *c)
{
	memset(r, 0, sizeof *r);
	r->n = c->nindicators;
	r->items = kh_xcalloc(r->n ? r->n : 1, sizeof *r->items);
	for (int l = 0; l < KH_RUBRIC_LEVELS; l++) {
		size_t nc = c->ncategories ? c->ncategories : 1;
		r->level[l].category_x100 = kh_xcalloc(nc, sizeof(long));
		r->level[l].category_vetoed = kh_xcalloc(nc, sizeof(int));
	}
}

void kh_rubric_free(struct kh_rubric *r)
{
	free(r->items);
	for (int l = 0; l < KH_RUBRIC_LEVELS; l++) {
		free(r->level[l].category_x100);
		free(r->level[l].category_vetoed);
	}
	memset(r, 0, sizeof *r);
}

/* The computed award and every level's value of one item. */
static int item_levels(struct kh_rubric_item *it, const struct kh_indicator *ind,
                       const struct kh_marks *marks, const char *period,
                       enum kh_mark_aggregation how)
{
	struct kh_method_input in = {
		.method = ind->method, .points_x100 = ind->points_x100,
		.per_case_x100 = ind->deduct_per_finding_x100,
		.bonus_cap_x100 = ind->bonus_cap_x100, .target = ind->linear_target,
		.floor = ind->linear_floor,
		.outcome = ind->manual ? KH_OUTCOME_NA : it->outcome,
		.findings = it->findings, .value = it->value };
	if (ind->manual)
		it->outcome = KH_OUTCOME_NA;
	if (kh_method_award(&in, &it->computed_x100))
		return -1;
	it->has[KH_RL_COMPUTED] = !ind->manual && it->outcome != KH_OUTCOME_NA;
	it->value_x100[KH_RL_COMPUTED] = it->has[KH_RL_COMPUTED] ? it->computed_x100 : 0;
	it->failed[KH_RL_COMPUTED] = it->outcome == KH_OUTCOME_FAIL;
	if (marks && period)
		kh_marks_levels(marks, period, ind->id, how, it->marks);
	else
		memset(it->marks, 0, sizeof it->marks);
	int bonus = ind->method == KH_METHOD_BONUS;
	long cap = bonus ? ind->bonus_cap_x100 : ind->points_x100;
	for (int l = KH_RL_SELF; l < KH_RUBRIC_LEVELS; l++) {
		const struct kh_level_score *m = &it->marks[l - 1];
		if (!m->present) {
			it->has[l] = it->has[KH_RL_COMPUTED];
			it->value_x100[l] = it->value_x100[KH_RL_COMPUTED];
			it->failed[l] = it->failed[KH_RL_COMPUTED];
			continue;
		}
		long v = m->score_x100 < 0 ? 0 : m->score_x100;
		if (v > cap)
			v = cap;
		it->has[l] = 1;
		it->value_x100[l] = v;
		it->failed[l] = !bonus && v < ind->points_x100;
	}
	return 0;
}

static void level_total(struct kh_rubric *r, const struct kh_contract *c, int l)
{
	struct kh_rubric_total *t = &r->level[l];
	long plain = 0, bonus = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		const struct kh_rubric_item *it = &r->items[i];
		const struct kh_category *cat = kh_contract_category(c, ind->category);
		size_t k = cat ? (size_t)(cat - c->categories) : 0;
		if (ind->method == KH_METHOD_BONUS) {
			if (it->has[l])
				bonus += it->value_x100[l];
			continue;
		}
		if (it->has[l] || ind->manual)
			t->max_x100 += ind->points_x100;
		if (it->has[l]) {
			plain += it->value_x100[l];
			if (cat)
				t->category_x100[k] += it->value_x100[l];
		}
		if (ind->method == KH_METHOD_VETO && it->has[l] && it->failed[l]) {
			if (ind->veto_scope == KH_VETO_SCORECARD || !cat)
				t->vetoed = 1;
			else
				t->category_vetoed[k] = 1;
		}
	}
	if (c->ncategories) {
		plain = 0;
		for (size_t k = 0; k < c->ncategories; k++) {
			if (t->category_vetoed[k])
				t->category_x100[k] = 0;
			plain += t->category_x100[k];
		}
	}
	t->score_x100 = t->vetoed ? 0 : plain + bonus;
}

int kh_rubric_score(struct kh_rubric *r, const struct kh_contract *c,
                    const struct kh_marks *marks, const char *period)
{
	for (size_t i = 0; i < r->n; i++)
		if (item_levels(&r->items[i], &c->indicators[i], marks, period, c->aggregate))
			return -1;
	r->level[KH_RL_COMPUTED].present = 1;
	for (int l = KH_RL_SELF; l < KH_RUBRIC_LEVELS; l++)
		for (size_t i = 0; i < r->n && !r->level[l].present; i++)
			r->level[l].present = r->items[i].marks[l - 1].present;
	for (int l = 0; l < KH_RUBRIC_LEVELS; l++)
		if (r->level[l].present)
			level_total(r, c, l);
	r->final = KH_RL_COMPUTED;
	for (int l = KH_RUBRIC_LEVELS - 1; l > KH_RL_COMPUTED; l--)
		if (r->level[l].present) {
			r->final = (enum kh_rubric_level)l;
			break;
		}
	int named = c->final_level == KH_FINAL_SELF ? KH_RL_SELF
	          : c->final_level == KH_FINAL_CITY ? KH_RL_CITY
	          : c->final_level == KH_FINAL_PROVINCE ? KH_RL_PROVINCE : -1;
	if (named > 0 && r->level[named].present)
		r->final = (enum kh_rubric_level)named;
	r->pending = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		struct kh_rubric_item *it = &r->items[i];
		int l = r->final;
		int marked = l > KH_RL_COMPUTED && it->marks[l - 1].present;
		it->source = marked ? (enum kh_rubric_level)l : KH_RL_COMPUTED;
		it->pending = ind->manual && !it->has[l];
		it->na = !ind->manual && !it->has[l];
		it->awarded_x100 = it->has[l] ? it->value_x100[l] : 0;
		if (marked)
			it->final_outcome = ind->method == KH_METHOD_BONUS
				? (it->awarded_x100 > 0 ? KH_OUTCOME_PASS : KH_OUTCOME_FAIL)
				: (it->failed[l] ? KH_OUTCOME_FAIL : KH_OUTCOME_PASS);
		else
			it->final_outcome = it->outcome;
		if (it->pending)
			r->pending++;
	}
	return 0;
}
