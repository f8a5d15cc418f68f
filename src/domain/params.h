/* params.h: the shape of a registry parameter — what a measure or a fee
 * model reads from its contract element, with the type its text must parse
 * as and whether it must be there.  The contract checks are derived from
 * these tables; this header only describes, it never parses. */
#ifndef KAOHE_PARAMS_H
#define KAOHE_PARAMS_H

enum kh_param_type { KH_PARAM_TEXT, KH_PARAM_RATE, KH_PARAM_FEN, KH_PARAM_COUNT, KH_PARAM_DAY, KH_PARAM_MONTHDAY, KH_PARAM_MONTH, KH_PARAM_POINTS, KH_PARAM_DAYOFMONTH };

struct kh_param { const char *element; /* NULL = the model element itself, else a child element name */ const char *name; enum kh_param_type type; int required; };

#endif
