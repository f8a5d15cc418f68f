/* contract.h: a contract definition in memory — parties, term, calendar
 * rule, scoring scheme, indicators with their measures, triggers and the
 * money basis — parsed from the contract XML (urn:kaohe:contract:1) after
 * validation against data/schema/contract.rng.  Measures and money code
 * read their parameters from the generic element trees below, so a new
 * city's contract needs no C change.  Parsing never loads DTDs, entities
 * or anything from the network. */
#ifndef KAOHE_CONTRACT_H
#define KAOHE_CONTRACT_H

#include <stddef.h>
#include <stdio.h>

#include "calendar.h"
#include "dates.h"
#include "err.h"
#include "marks.h"
#include "method.h"

/* One element of the contract XML: its name, attributes and children, as
 * written.  Measures and money models read their parameters from these. */
struct kh_attr {
	char *name;
	char *value;
};
struct kh_node {
	char *name;               /* local name, e.g. "staffing", "band" */
	long line;                /* line in the contract file, for messages */
	struct kh_attr *attrs;
	size_t nattrs;
	struct kh_node *children;
	size_t nchildren;
	char *text;               /* trimmed text content, "" when none */
};

/* The attribute's value, or NULL when absent. */
const char *kh_node_attr(const struct kh_node *node, const char *name);
/* The first child with that name, or NULL. */
const struct kh_node *kh_node_child(const struct kh_node *node, const char *name);
/* Whether the element carries default="yes": its numbers are the
 * template's choice where the contract text gives none (contract-defaults.c). */
int kh_node_is_default(const struct kh_node *node);

/* A consequence of an indicator failing, or of the contract as a whole:
 * 约谈 (interview), 整改 (rectify), fee deduction, liquidated damages,
 * termination ... `action` is a fixed word (see contract.rng), `clause` the
 * clause that provides it, `text` a Chinese paraphrase. */
struct kh_trigger {
	char *action;             /* "interview", "rectify", "deduct-fee", "damages", "terminate", "report", "no-renewal", ... */
	char *clause;             /* "第三十三条(六)" */
	char *text;               /* paraphrase of the consequence */
	struct kh_node node;      /* the whole <trigger> element, for extra parameters (rate, ...) */
};

struct kh_indicator {
	char *id;                 /* "staff.resident" */
	char *clause;             /* "第七条" */
	char *clause_text;        /* short paraphrase of the clause, Chinese */
	char *title_zh;           /* e.g. "派驻人员数量" */
	char *title_en;           /* e.g. "Resident staff" */
	long points_x100;         /* points the indicator carries, ×100 (exact) */
	long deduct_per_finding_x100; /* 0: all or nothing; else points lost per finding */
	int points_default;       /* default="yes": points chosen by the template, not the contract */
	struct kh_node measure;   /* the measure element: its name is the measure type
	                             ("manual": only the panel's marks score it) */
	/* The rubric (issue 16): category and scoring method. */
	char *category;           /* category id; "" when the contract has none */
	enum kh_method method;    /* method="..."; per-case when only
	                             deduct-per-finding is given, else all-or-nothing */
	int method_default;       /* method-default="yes": the template chose it */
	char *linear_target;      /* <linear target floor>, as written; NULL unless linear */
	char *linear_floor;
	enum kh_veto_scope veto_scope;  /* veto-scope (default: category when
	                                   the contract has categories) */
	long bonus_cap_x100;      /* bonus-cap (default: the points) */
	int manual;               /* the measure element is <manual/> */
	struct kh_trigger *triggers;  /* consequences when it fails */
	size_t ntriggers;
	long line;
};

struct kh_grade {
	char *name;               /* "优秀" */
	char *name_en;            /* "excellent" */
	long min_points_x100;     /* lowest score (×100) that earns the grade */
	int is_default;           /* default="yes": the band is the template's, not the contract's */
};

/* A category of the rubric (<scoring><category>): the indicators naming it
 * add up to its points (bonus items excepted). */
struct kh_category {
	char *id;                 /* "org" */
	char *title;              /* "组织管理" */
	char *title_en;           /* title-en, else the title */
	char *clause;             /* the clause naming it, "" when none */
	long points_x100;
	int is_default;           /* default="yes": the template's category */
	long line;
};

struct kh_contract {
	char *id;                 /* the file's base name, "henan-dbbx-2024" */
	int version;              /* version in the store; 0 when not stored */
	char *sha256;             /* of the XML text */
	char *title;
	char *seed;               /* "001": which shared seed it encodes */
	char *purchaser;          /* 甲方 */
	char *insurer;            /* 乙方 */
	kh_day term_first, term_last;
	enum kh_rollover rollover;
	long total_points_x100;
	int total_default;        /* the total is the template's (default="yes") */
	enum kh_mark_aggregation aggregate;  /* <scoring aggregate>, default mean */
	enum kh_final_level final_level;     /* <scoring final-level>, default highest */
	struct kh_category *categories;      /* in contract order; none: a flat rubric */
	size_t ncategories;
	struct kh_grade *grades;  /* highest first */
	size_t ngrades;
	struct kh_indicator *indicators;
	size_t nindicators;
	struct kh_node units;     /* <units>: counties named by the contract (may be empty) */
	struct kh_node money;     /* <money>: the money basis, read by fees/settle */
	struct kh_node policy;    /* <policy>: other parameters (collection window, ...) */
	struct kh_trigger *triggers;  /* contract-wide consequences */
	size_t ntriggers;
	char *xml;                /* the XML text as read */
};

/* Parse and validate a contract file.  Errors are printed as
 * "kaohe: FILE:LINE: message".  Returns 0, or -1 with err's kind
 * KH_ERR_NOINPUT (the file cannot be read) or KH_ERR_DATA (anything wrong
 * with its content).  err may be NULL. */
int kh_contract_parse_file(const char *path, struct kh_contract **out,
                           struct kh_err *err);
/* Same from memory; `name` is used in messages and as the id when the
 * root element has none.  Returns 0, or -1 with KH_ERR_DATA. */
int kh_contract_parse_memory(const char *xml, size_t len, const char *name,
                             struct kh_contract **out, struct kh_err *err);

void kh_contract_free(struct kh_contract *contract);

/* The category with that id, or NULL. */
const struct kh_category *kh_contract_category(const struct kh_contract *c,
                                               const char *id);

/* The indicator with that id, or NULL. */
const struct kh_indicator *kh_contract_indicator(const struct kh_contract *c,
                                                 const char *id);

/* Additions (issue 6): the store side of `kaohe contract`. */

/* A command-line argument naming a contract file: the path itself when it
 * exists, else data/contracts/ARG.xml of the shipped templates when that
 * exists, else ARG unchanged (so the error names what the user typed). */
char *kh_contract_resolve(const char *arg);

/* Print a readable summary of the contract and every indicator (clause,
 * paraphrase, measure in words, points, triggers) in the current
 * language.  Defined in contract-show.c. */
void kh_contract_describe(const struct kh_contract *c, FILE *fp);

#endif
