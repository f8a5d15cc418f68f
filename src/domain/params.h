/* params.h: how a registry (measures, fee models) states the grammar of
 * its contract element — each parameter's element, attribute, type and
 * whether it is required.  contract.c checks numbers from these tables and
 * tests/unit-registry.c compares them with data/schema/contract.rng, so the
 * registry, the checks and the schema cannot drift apart. */
#ifndef KAOHE_PARAMS_H
#define KAOHE_PARAMS_H

enum kh_param_type {
	KH_PARAM_TEXT,        /* a word or free text (the schema says which) */
	KH_PARAM_RATE,        /* "90%" or "0.9", not negative */
	KH_PARAM_FEN,         /* yuan with at most two decimals */
	KH_PARAM_COUNT,       /* a whole number */
	KH_PARAM_DAY,         /* YYYY-MM-DD */
	KH_PARAM_MONTHDAY,    /* MM-DD */
	KH_PARAM_MONTH,       /* YYYY-MM */
	KH_PARAM_POINTS,      /* a number with at most two decimals */
	KH_PARAM_DAYOFMONTH,  /* 1..31 */
};

struct kh_param {
	const char *element;  /* NULL = the registry's element itself, else a
	                         child path below it ("scheme", "scheme/band") */
	const char *name;     /* the attribute */
	enum kh_param_type type;
	int required;
};

#endif
